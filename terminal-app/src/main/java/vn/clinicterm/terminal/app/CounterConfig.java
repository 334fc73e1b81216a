package vn.clinicterm.terminal.app;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncConfigException;
import vn.clinicterm.terminal.checkin.CheckInSettings;
import vn.clinicterm.terminal.checkin.SigningSettings;
import vn.clinicterm.terminal.checkin.Xml0Signer;
import vn.clinicterm.terminal.config.ConfigException;
import vn.clinicterm.terminal.config.ConfigKeys;
import vn.clinicterm.terminal.config.TerminalConfig;
import vn.clinicterm.terminal.consent.ConsentPolicy;
import vn.clinicterm.terminal.handoff.PatientLine;

/**
 * What the real counter reads from the layered configuration ({@link TerminalConfig}: system file, terminal file,
 * environment) besides the sync keys: its terminal id, the facility type that decides the consent policy, the hand-off
 * API's port and whether it may listen beyond 127.0.0.1, the patient line copied for a hospital system without an
 * integration, and the BHXH check-in settings. A bad value is a
 * {@link ConfigException} naming the key and where it was set.
 */
final class CounterConfig {

    private final TerminalConfig config;
    private final Map<String, String> env;

    CounterConfig(TerminalConfig config, Map<String, String> env) {
        this.config = Objects.requireNonNull(config, "config");
        this.env = Map.copyOf(env);
    }

    TerminalConfig config() {
        return config;
    }

    /** {@code terminal.id}. @throws ConfigException when it is invalid */
    String terminalId() {
        return config.terminalId();
    }

    /** {@code private} or {@code public}. @throws ConfigException when {@code consent.facilityType} is invalid */
    String facilityType() {
        return config.get(ConfigKeys.CONSENT_FACILITY_TYPE);
    }

    /** @throws ConfigException when {@code consent.facilityType} is invalid */
    ConsentPolicy consentPolicy() {
        return ConsentPolicy.forFacilityType(facilityType());
    }

    /** The hand-off API's port; empty: no API. @throws ConfigException when {@code handoff.port} is invalid */
    Optional<Integer> handoffPort() {
        return config.find(ConfigKeys.HANDOFF_PORT).map(Long::intValue);
    }

    /** @throws ConfigException when {@code handoff.allowNetwork} is invalid */
    boolean handoffAllowNetwork() {
        return config.get(ConfigKeys.HANDOFF_ALLOW_NETWORK);
    }

    /**
     * The hospital system's patient line: {@code handoff.patientLine} (the field order) joined by
     * {@code handoff.patientLineSeparator}; {@link PatientLine#standard()} when neither is set.
     *
     * @throws ConfigException when either key is invalid (an unknown field name, a separator not on the list)
     */
    PatientLine patientLine() {
        return new PatientLine(config.get(ConfigKeys.HANDOFF_PATIENT_LINE),
                config.get(ConfigKeys.HANDOFF_PATIENT_LINE_SEPARATOR));
    }

    /** Whether any {@code checkin.*} key is set: the counter then sends BHXH check-in records. */
    boolean checkInsConfigured() {
        return !config.texts("checkin.").isEmpty();
    }

    /**
     * The check-in settings, as {@code clinicterm checkin run} builds them without flags: the gateway and account of
     * {@code sync}, {@code checkin.province} (default: the facility code's first two characters),
     * {@code checkin.decision}, and the signing key of {@code checkin.signing.*} (opened now); empty when no
     * {@code checkin.*} key is set.
     *
     * @throws IllegalArgumentException ({@link SyncConfigException} or {@link ConfigException}) naming the key at fault,
     *     e.g. no {@code sync.password}, or a signing key that cannot be opened
     */
    Optional<CheckInSettings> checkIn(SyncConfig sync, Clock clock) {
        if (!checkInsConfigured()) {
            return Optional.empty();
        }
        String maTinh = config.find(ConfigKeys.CHECKIN_PROVINCE)
                .orElse(sync.facilityCode().substring(0, Math.min(2, sync.facilityCode().length())));
        if (!maTinh.matches("\\d{2}")) {
            throw new SyncConfigException(ConfigKeys.CHECKIN_PROVINCE.name(), "is required when the facility code"
                    + " does not start with the 2-digit province code");
        }
        int decision = Integer.parseInt(config.get(ConfigKeys.CHECKIN_DECISION));
        if (sync.password().isEmpty()) {
            throw new SyncConfigException(ConfigKeys.SYNC_PASSWORD.name(), "required to send check-in records");
        }
        CheckInSettings settings = new CheckInSettings(sync.baseUrl(), sync.gatewayUsername(), sync.password().get(),
                maTinh, sync.facilityCode(), decision, "01", "1.1", sync.callTimeout());
        Properties signing = new Properties();
        config.texts("checkin.signing.").forEach(signing::setProperty);
        Optional<SigningSettings> key = SigningSettings.fromProperties(signing);
        if (key.isPresent()) {
            try {
                settings = settings.withSigner(key.get().open(env, clock));
            } catch (Xml0Signer.SigningException e) {
                throw new SyncConfigException(SigningSettings.KEY_STORE, e.getMessage());
            }
        }
        return Optional.of(settings);
    }
}
