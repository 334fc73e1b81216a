package vn.clinicterm.terminal.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.clinicterm.terminal.config.ConfigKey.Sensitivity;
import vn.clinicterm.terminal.handoff.PatientLine;

/**
 * Every key ClinicTerm reads from its configuration files, in one place. A key in a file that is not listed here is
 * reported as a warning (a typo would otherwise be ignored in silence). {@code docs/configuration.md} documents this
 * list; a test keeps the two in step.
 *
 * <p>The {@code sync.*} keys and their environment variables are those {@link vn.clinicterm.sync.SyncConfig}
 * documents; their types here catch a bad value early and name the file it came from, SyncConfig still checks how
 * they fit together (an {@code http://} URL with pins, the gateway's staff member, …).
 */
public final class ConfigKeys {

    private ConfigKeys() {}

    public static final ConfigKey<String> SYNC_PROVIDER = ConfigKey.of("sync.provider",
                    ValueType.oneOf(Map.of("central", "central", "bhxh", "bhxh", "bhxh_gateway", "bhxh",
                            "gateway", "bhxh"), "central", "bhxh"),
                    "which service answers eligibility: the ClinicTerm central service, or the BHXH gateway directly"
                            + " (eligibility only)", "central")
            .withEnvironmentVariable("CLINICTERM_SYNC_PROVIDER").withDefault("central");

    public static final ConfigKey<URI> SYNC_URL = ConfigKey.of("sync.url", ValueType.httpUrl(),
                    "the central service (or gateway); https://, plain http:// only to 127.0.0.0/8, ::1, localhost."
                            + " Unset: the terminal works offline and queues everything", "https://hub.example.vn")
            .withEnvironmentVariable("CLINICTERM_CENTRAL_URL");

    public static final ConfigKey<String> SYNC_FACILITY_CODE = ConfigKey.of("sync.facilityCode",
                    ValueType.pattern("[0-9A-Za-z]{5}", "5 letters or digits"),
                    "the clinic's KCB facility code (maCSKCB); required with sync.url", "79001")
            .withEnvironmentVariable("CLINICTERM_FACILITY_CODE");

    public static final ConfigKey<String> SYNC_USERNAME = ConfigKey.of("sync.username", ValueType.text(100),
                    "gateway user (default <facilityCode>_BV) or the central client id for token refresh", "79001_BV")
            .withEnvironmentVariable("CLINICTERM_SYNC_USERNAME");

    public static final ConfigKey<String> SYNC_PASSWORD = ConfigKey.of("sync.password", ValueType.text(200),
                    "gateway password or central client secret", "(secret)")
            .withEnvironmentVariable("CLINICTERM_SYNC_PASSWORD").with(Sensitivity.SECRET);

    public static final ConfigKey<String> SYNC_TOKEN = ConfigKey.of("sync.token", ValueType.text(16384),
                    "a fixed bearer token for the central service", "(secret)")
            .withEnvironmentVariable("CLINICTERM_SYNC_TOKEN").with(Sensitivity.SECRET);

    public static final ConfigKey<String> SYNC_STAFF_NAME = ConfigKey.of("sync.staffName", ValueType.text(100),
                    "gateway: the registered staff member's name (hoTenCb); required for bhxh", "(a name)")
            .withEnvironmentVariable("CLINICTERM_SYNC_STAFF_NAME").with(Sensitivity.HIDDEN);

    public static final ConfigKey<String> SYNC_STAFF_ID = ConfigKey.of("sync.staffId",
                    ValueType.pattern("\\d{12}", "12 digits"),
                    "gateway: the registered staff member's ID number (cccdCb); required for bhxh", "(12 digits)")
            .withEnvironmentVariable("CLINICTERM_SYNC_STAFF_ID").with(Sensitivity.HIDDEN);

    public static final ConfigKey<Duration> SYNC_CONNECT_TIMEOUT = ConfigKey.of("sync.connectTimeout",
            ValueType.positiveDuration(), "how long to wait for a connection", "3s").withDefault("5s");

    public static final ConfigKey<Duration> SYNC_READ_TIMEOUT = ConfigKey.of("sync.readTimeout",
            ValueType.positiveDuration(), "how long to wait between bytes of a reply", "10s").withDefault("10s");

    public static final ConfigKey<Duration> SYNC_WRITE_TIMEOUT = ConfigKey.of("sync.writeTimeout",
            ValueType.positiveDuration(), "how long to wait between bytes of a request", "10s").withDefault("10s");

    public static final ConfigKey<Duration> SYNC_CALL_TIMEOUT = ConfigKey.of("sync.callTimeout",
            ValueType.positiveDuration(), "the whole call, from DNS to the last byte", "20s").withDefault("20s");

    public static final ConfigKey<List<String>> SYNC_PINS = ConfigKey.of("sync.pins", ValueType.certificatePins(),
                    "public-key pins for the server's host (current key and a backup); needs https://",
                    "sha256/AAAA…=,sha256/BBBB…=")
            .withEnvironmentVariable("CLINICTERM_SYNC_PINS");

    public static final ConfigKey<Path> SYNC_CLIENT_CERT = ConfigKey.of("sync.clientCert", ValueType.readableFile(),
                    "mutual TLS: a PKCS#12 file (.p12/.pfx) or a PEM file with the chain and an unencrypted PKCS#8"
                            + " key; needs https://", "/etc/clinicterm/terminal.p12")
            .withEnvironmentVariable("CLINICTERM_SYNC_CLIENT_CERT");

    public static final ConfigKey<String> SYNC_CLIENT_CERT_PASSWORD = ConfigKey.of("sync.clientCertPassword",
                    ValueType.text(200), "the PKCS#12 file's password", "(secret)")
            .withEnvironmentVariable("CLINICTERM_SYNC_CLIENT_CERT_PASSWORD").with(Sensitivity.SECRET);

    public static final ConfigKey<Path> SYNC_TRUSTED_CERTS = ConfigKey.of("sync.trustedCerts",
                    ValueType.readableFile(),
                    "PEM bundle of CA certificates to trust instead of the system's (a private hub CA, central-sim)",
                    "/etc/clinicterm/hub-ca.pem")
            .withEnvironmentVariable("CLINICTERM_SYNC_TRUSTED_CERTS");

    public static final ConfigKey<Long> SYNC_MAX_RESPONSE_BYTES = ConfigKey.of("sync.maxResponseBytes",
            ValueType.wholeNumber(1024, 64L * 1024 * 1024), "the largest reply accepted, in bytes", "1048576")
            .withDefault("1048576");

    public static final ConfigKey<Long> SYNC_BATCH_SIZE = ConfigKey.of("sync.batchSize",
            ValueType.wholeNumber(1, 1000), "visits per upload", "100").withDefault("100");

    public static final ConfigKey<String> TERMINAL_ID = ConfigKey.of("terminal.id",
                    ValueType.pattern("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,63}",
                            "1-64 letters, digits, '.', '-' or '_', starting with a letter or digit"),
                    "this terminal's name in visits, the audit log and exports", "quay-1")
            .withEnvironmentVariable("CLINICTERM_TERMINAL_ID").withDefault("terminal");

    public static final ConfigKey<String> CHECKIN_PROVINCE = ConfigKey.of("checkin.province",
            ValueType.pattern("\\d{2}", "2 digits"),
            "maTinh, the province code in check-in records (default: the facility code's first two characters)", "79");

    public static final ConfigKey<String> CHECKIN_DECISION = ConfigKey.of("checkin.decision",
            ValueType.oneOf("3176", "4750"),
            "the check-in decision version in the gateway path (4750 for gateways still on the previous decision)",
            "3176").withDefault("3176");

    public static final ConfigKey<Path> CHECKIN_SIGNING_KEY_STORE = ConfigKey.of("checkin.signing.keyStore",
            ValueType.readableFile(),
            "the facility's PKCS#12 signing key for XML0 records; unset: records are sent unsigned",
            "/etc/clinicterm/facility-signing.p12");

    public static final ConfigKey<String> CHECKIN_SIGNING_PASSWORD = ConfigKey.of("checkin.signing.password",
                    ValueType.pattern("file:.+|env:[A-Za-z_][A-Za-z0-9_]*",
                            "file:PATH or env:NAME (where the password is, never the password itself)"),
                    "where the signing key's password is; required with checkin.signing.keyStore",
                    "env:CLINICTERM_SIGNING_PASSWORD")
            .with(Sensitivity.HIDDEN);

    public static final ConfigKey<String> CHECKIN_SIGNING_ALIAS = ConfigKey.of("checkin.signing.alias",
            ValueType.text(100), "the key's alias when the PKCS#12 file holds several", "facility");

    public static final ConfigKey<String> CONSENT_FACILITY_TYPE = ConfigKey.of("consent.facilityType",
                    ValueType.oneOf("private", "public"),
                    "private: the chip is read only after staff confirmed the patient's consent (Law on"
                            + " Identification, Art. 22(5)); public: consent is recorded when given, not required",
                    "private")
            .withDefault("private");

    public static final ConfigKey<Long> HANDOFF_PORT = ConfigKey.of("handoff.port", ValueType.wholeNumber(1, 65535),
            "the counter app serves the hand-off API for the hospital system on this port (127.0.0.1 only unless"
                    + " handoff.allowNetwork=true). Unset: no hand-off API", "8765");

    public static final ConfigKey<Boolean> HANDOFF_ALLOW_NETWORK = ConfigKey.of("handoff.allowNetwork",
                    ValueType.bool(),
                    "let the hand-off API listen on every network interface instead of 127.0.0.1 only (a token"
                            + " copied off this PC then works from other machines)", "false")
            .withDefault("false");

    public static final ConfigKey<List<PatientLine.Field>> HANDOFF_PATIENT_LINE = ConfigKey.of("handoff.patientLine",
                    patientLineFields(),
                    "the fields of the patient line the reception screen copies to the clipboard (Ctrl+Shift+C) for a"
                            + " hospital system without an integration, in that system's order",
                    "ID_NUMBER,FULL_NAME,DATE_OF_BIRTH")
            .withDefault("FULL_NAME,DATE_OF_BIRTH,GENDER,ID_NUMBER,RESIDENCE");

    public static final ConfigKey<String> HANDOFF_PATIENT_LINE_SEPARATOR = ConfigKey.of(
                    "handoff.patientLineSeparator",
                    ValueType.oneOf(Map.of("tab", "\t", "semicolon", ";", "comma", ",", "pipe", "|",
                            "newline", "\n"), "tab", "semicolon", "comma", "pipe", "newline"),
                    "what separates the fields of the copied patient line (tab: each field lands in the next input"
                            + " of the hospital system's form)", "semicolon")
            .withDefault("tab");

    public static final ConfigKey<Path> TRUST_ANCHORS = ConfigKey.of("trust.anchors",
                    ValueType.readableFileOrDirectory(),
                    "trust material every user's trust store is provisioned from: an ICAO master list,"
                            + " CSCA certificates, CRLs or an ICAO PKD LDIF file, or a directory of such files (every"
                            + " regular file in it); imported again when the files change", "/etc/clinicterm/trust")
            .withEnvironmentVariable("CLINICTERM_TRUST_ANCHORS");

    /** Every known key, in documentation order. */
    public static final List<ConfigKey<?>> ALL = List.of(TERMINAL_ID, CONSENT_FACILITY_TYPE, HANDOFF_PORT,
            HANDOFF_ALLOW_NETWORK, HANDOFF_PATIENT_LINE, HANDOFF_PATIENT_LINE_SEPARATOR, TRUST_ANCHORS, SYNC_URL,
            SYNC_FACILITY_CODE, SYNC_PROVIDER, SYNC_USERNAME, SYNC_PASSWORD, SYNC_TOKEN, SYNC_STAFF_NAME, SYNC_STAFF_ID,
            SYNC_TRUSTED_CERTS, SYNC_PINS, SYNC_CLIENT_CERT, SYNC_CLIENT_CERT_PASSWORD, SYNC_CONNECT_TIMEOUT,
            SYNC_READ_TIMEOUT, SYNC_WRITE_TIMEOUT, SYNC_CALL_TIMEOUT, SYNC_BATCH_SIZE, SYNC_MAX_RESPONSE_BYTES,
            CHECKIN_PROVINCE, CHECKIN_DECISION, CHECKIN_SIGNING_KEY_STORE, CHECKIN_SIGNING_PASSWORD,
            CHECKIN_SIGNING_ALIAS);

    /**
     * Comma-separated {@link PatientLine.Field} names, any case, each at most once; an unknown name is named in the
     * message with the accepted ones.
     */
    private static ValueType<List<PatientLine.Field>> patientLineFields() {
        String names = java.util.Arrays.stream(PatientLine.Field.values()).map(Enum::name)
                .collect(java.util.stream.Collectors.joining(", "));
        return new ValueType<>("comma-separated field names out of " + names, v -> {
            List<PatientLine.Field> fields = new java.util.ArrayList<>();
            for (String part : v.split(",", -1)) {
                String name = part.strip().toUpperCase(java.util.Locale.ROOT);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("an empty field name");
                }
                PatientLine.Field field;
                try {
                    field = PatientLine.Field.valueOf(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown field " + part.strip());
                }
                if (fields.contains(field)) {
                    throw new IllegalArgumentException(field + " is listed twice");
                }
                fields.add(field);
            }
            return List.copyOf(fields);
        });
    }

    /** The known key of this name. */
    public static Optional<ConfigKey<?>> find(String name) {
        return ALL.stream().<ConfigKey<?>>map(k -> k).filter(k -> k.name().equals(name)).findFirst();
    }

    /** The known key closest to a misspelt name (case, one or two typos), for "did you mean …". */
    public static Optional<ConfigKey<?>> closest(String name) {
        ConfigKey<?> best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey<?> k : ALL) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.name().toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= 2 ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
