package vn.clinicterm.card.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * What the verifier makes of what its checks find: policy as data, not code. Each check has a {@link Level}; a few
 * options say how validity and algorithms are judged. The clinic's defaults ship as the resource
 * {@code clinic-default-policy.properties} beside this class, which documents every key.
 *
 * <p>Contract: the checks without which nothing is proven ({@link #DECISIVE}: the SOD's format and signature, the
 * data group hashes, the certificate path) are always at level FAIL; a policy that weakens one is refused, so a
 * PASSED verdict always means the signature, hashes and path were checked.
 *
 * @param name where the policy came from, for the detailed report ({@code clinic-default} or a file name)
 * @param levels every check's level
 * @param validityModel when certificates must have been valid
 * @param sha1Level how a SHA-1 digest (in the SOD's hashes or signature) is reported; ICAO still allows it
 * @param md5Level how an MD5 digest is reported
 * @param rsaMinimumBits RSA keys on the path (document signer, CSCA) shorter than this are rejected at the level of
 *     {@link CheckId#ALGORITHMS}
 * @param revocationUnknownLevel how "revocation unknown" (no CRL for the issuer, or a stale one) weighs; a revoked
 *     signer weighs at the level of {@link CheckId#REVOCATION}
 * @param chipAuthenticationMissingLevel how a chip that proved nothing against cloning (no CA or AA, or one whose
 *     DG14/DG15 the SOD does not cover) weighs; a failed CA or AA weighs at the level of
 *     {@link CheckId#CHIP_AUTHENTICATION}
 */
public record VerificationPolicy(
        String name,
        Map<CheckId, Level> levels,
        ValidityModel validityModel,
        Level sha1Level,
        Level md5Level,
        int rsaMinimumBits,
        Level revocationUnknownLevel,
        Level chipAuthenticationMissingLevel) {

    /** Checks that must stay at {@link Level#FAIL}. */
    public static final Set<CheckId> DECISIVE = Set.of(
            CheckId.SOD_FORMAT, CheckId.SOD_SIGNATURE, CheckId.DATA_GROUP_HASHES, CheckId.CERTIFICATE_PATH);

    static final String RESOURCE = "clinic-default-policy.properties";
    private static final String CHECK_PREFIX = "check.";
    private static final String VALIDITY_MODEL = "validity.model";
    private static final String SHA1 = "algorithm.sha1";
    private static final String MD5 = "algorithm.md5";
    private static final String RSA_MIN_BITS = "algorithm.rsaMinimumBits";
    private static final String REVOCATION_UNKNOWN = "revocation.unknown";
    private static final String CHIP_AUTHENTICATION_MISSING = "chipAuthentication.missing";

    /** How much a check's finding weighs. */
    public enum Level {
        /** A finding decides the verdict: FAILED, or INDETERMINATE for a check that could not decide. */
        FAIL,
        /** A finding is shown as a warning; the verdict stands. */
        WARN,
        /** A finding is listed for IT only. */
        INFORM,
        /** The check is not made. */
        IGNORE
    }

    /** When the certificates on the path must be valid. */
    public enum ValidityModel {
        /**
         * At the SOD's signingTime (the "chain model"): a card stays verifiable after its document signer expired, as
         * long as the signer was valid when it signed. Without a signingTime, the verification time is used.
         */
        AT_SIGNING_TIME,
        /** At the verification time (the "shell model"): an expired document signer makes the chip unverifiable. */
        NOW
    }

    public VerificationPolicy {
        Objects.requireNonNull(name, "name");
        EnumMap<CheckId, Level> copy = new EnumMap<>(CheckId.class);
        copy.putAll(levels);
        for (CheckId id : CheckId.values()) {
            if (!copy.containsKey(id)) {
                throw new IllegalArgumentException("the policy has no level for check " + id.id());
            }
        }
        for (CheckId id : DECISIVE) {
            if (copy.get(id) != Level.FAIL) {
                throw new IllegalArgumentException("check." + id.id() + " must be FAIL: without it nothing is proven");
            }
        }
        levels = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(validityModel, "validityModel");
        Objects.requireNonNull(sha1Level, "sha1Level");
        Objects.requireNonNull(md5Level, "md5Level");
        Objects.requireNonNull(revocationUnknownLevel, "revocationUnknownLevel");
        Objects.requireNonNull(chipAuthenticationMissingLevel, "chipAuthenticationMissingLevel");
        if (rsaMinimumBits < 0 || rsaMinimumBits > 16384) {
            throw new IllegalArgumentException(RSA_MIN_BITS + " must be between 0 and 16384");
        }
    }

    public Level level(CheckId check) {
        return levels.get(check);
    }

    /** The clinic's defaults, from the bundled {@code clinic-default-policy.properties}. */
    public static VerificationPolicy clinicDefault() {
        try (InputStream in = VerificationPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing from the class path");
            }
            return parse("clinic-default", in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled " + RESOURCE, e);
        }
    }

    /**
     * Reads a policy file (Java properties, UTF-8). Keys it leaves out keep the clinic default.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
     * @throws IOException when the file cannot be read
     */
    public static VerificationPolicy load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(String.valueOf(file.getFileName()), in);
        }
    }

    /** Like {@link #load(Path)}, from a stream; {@code name} is for the report. */
    public static VerificationPolicy parse(String name, InputStream in) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Builder builder = name.equals("clinic-default") ? new Builder(name) : clinicDefault().toBuilder().name(name);
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            if (key.startsWith(CHECK_PREFIX)) {
                CheckId check = CheckId.fromId(key.substring(CHECK_PREFIX.length()))
                        .orElseThrow(() -> new IllegalArgumentException("unknown policy key '" + key + "': no check "
                                + key.substring(CHECK_PREFIX.length()) + " exists"));
                builder.level(check, level(key, value));
            } else {
                switch (key) {
                    case VALIDITY_MODEL -> builder.validityModel(validityModel(key, value));
                    case SHA1 -> builder.sha1Level(level(key, value));
                    case MD5 -> builder.md5Level(level(key, value));
                    case RSA_MIN_BITS -> builder.rsaMinimumBits(bits(key, value));
                    case REVOCATION_UNKNOWN -> builder.revocationUnknownLevel(level(key, value));
                    case CHIP_AUTHENTICATION_MISSING -> builder.chipAuthenticationMissingLevel(level(key, value));
                    default -> throw new IllegalArgumentException("unknown policy key '" + key + "'");
                }
            }
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy " + name + ": " + e.getMessage(), e);
        }
    }

    private static Level level(String key, String value) {
        try {
            return Level.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy key '" + key + "' has the value '" + value
                    + "'; expected FAIL, WARN, INFORM or IGNORE");
        }
    }

    private static ValidityModel validityModel(String key, String value) {
        try {
            return ValidityModel.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy key '" + key + "' has the value '" + value
                    + "'; expected AT_SIGNING_TIME or NOW");
        }
    }

    private static int bits(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("policy key '" + key + "' has the value '" + value
                    + "'; expected a number of bits");
        }
    }

    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.levels.putAll(levels);
        b.validityModel = validityModel;
        b.sha1Level = sha1Level;
        b.md5Level = md5Level;
        b.rsaMinimumBits = rsaMinimumBits;
        b.revocationUnknownLevel = revocationUnknownLevel;
        b.chipAuthenticationMissingLevel = chipAuthenticationMissingLevel;
        return b;
    }

    /** Changes to a policy, for tests and for settings screens; starts from the policy it came from. */
    public static final class Builder {
        private String name;
        private final EnumMap<CheckId, Level> levels = new EnumMap<>(CheckId.class);
        private ValidityModel validityModel = ValidityModel.AT_SIGNING_TIME;
        private Level sha1Level = Level.WARN;
        private Level md5Level = Level.FAIL;
        private int rsaMinimumBits = 2048;
        private Level revocationUnknownLevel = Level.WARN;
        private Level chipAuthenticationMissingLevel = Level.WARN;

        private Builder(String name) {
            this.name = name;
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        public Builder level(CheckId check, Level level) {
            levels.put(check, Objects.requireNonNull(level));
            return this;
        }

        public Builder validityModel(ValidityModel model) {
            this.validityModel = Objects.requireNonNull(model);
            return this;
        }

        public Builder sha1Level(Level level) {
            this.sha1Level = Objects.requireNonNull(level);
            return this;
        }

        public Builder md5Level(Level level) {
            this.md5Level = Objects.requireNonNull(level);
            return this;
        }

        public Builder rsaMinimumBits(int bits) {
            this.rsaMinimumBits = bits;
            return this;
        }

        public Builder revocationUnknownLevel(Level level) {
            this.revocationUnknownLevel = Objects.requireNonNull(level);
            return this;
        }

        public Builder chipAuthenticationMissingLevel(Level level) {
            this.chipAuthenticationMissingLevel = Objects.requireNonNull(level);
            return this;
        }

        public VerificationPolicy build() {
            return new VerificationPolicy(name, levels, validityModel, sha1Level, md5Level, rsaMinimumBits,
                    revocationUnknownLevel, chipAuthenticationMissingLevel);
        }
    }
}
