package vn.clinicterm.sync;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import vn.clinicterm.sync.internal.Endpoints;

/**
 * How to reach the insurer and the central service. Build with {@link #builder()} or load with
 * {@link #fromProperties(Properties, Map)}.
 *
 * <p>Property keys (all optional unless said), each overridable by an environment variable:
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>environment</th><th>meaning</th></tr>
 *   <tr><td>{@code sync.provider}</td><td>{@code CLINICTERM_SYNC_PROVIDER}</td>
 *       <td>{@code central} (default) or {@code bhxh}</td></tr>
 *   <tr><td>{@code sync.url}</td><td>{@code CLINICTERM_CENTRAL_URL}</td>
 *       <td>required; {@code https://} (plain {@code http://} only to 127.0.0.0/8, ::1, localhost)</td></tr>
 *   <tr><td>{@code sync.facilityCode}</td><td>{@code CLINICTERM_FACILITY_CODE}</td>
 *       <td>required; the 5-character KCB facility code</td></tr>
 *   <tr><td>{@code sync.username}</td><td>{@code CLINICTERM_SYNC_USERNAME}</td>
 *       <td>gateway default {@code <facilityCode>_BV}; central: the client id for token refresh</td></tr>
 *   <tr><td>{@code sync.password}</td><td>{@code CLINICTERM_SYNC_PASSWORD}</td>
 *       <td>gateway password (sent as its MD5 hex, as the gateway wants) or central client secret</td></tr>
 *   <tr><td>{@code sync.token}</td><td>{@code CLINICTERM_SYNC_TOKEN}</td><td>a fixed bearer token (central)</td></tr>
 *   <tr><td>{@code sync.staffName}, {@code sync.staffId}</td>
 *       <td>{@code CLINICTERM_SYNC_STAFF_NAME}, {@code CLINICTERM_SYNC_STAFF_ID}</td>
 *       <td>gateway: the registered staff member ({@code hoTenCb}, {@code cccdCb}); required for {@code bhxh}</td></tr>
 *   <tr><td>{@code sync.connectTimeout}, {@code sync.readTimeout}, {@code sync.writeTimeout},
 *       {@code sync.callTimeout}</td><td>—</td>
 *       <td>{@code 500ms}, {@code 5s}, {@code 1m} or ISO-8601 {@code PT5S}; defaults 5s/10s/10s/20s</td></tr>
 *   <tr><td>{@code sync.pins}</td><td>{@code CLINICTERM_SYNC_PINS}</td>
 *       <td>comma-separated {@code sha256/…} pins for the server's host; at least two (a backup) when set</td></tr>
 *   <tr><td>{@code sync.clientCert}, {@code sync.clientCertPassword}</td>
 *       <td>{@code CLINICTERM_SYNC_CLIENT_CERT}, {@code CLINICTERM_SYNC_CLIENT_CERT_PASSWORD}</td>
 *       <td>mutual TLS: a PKCS#12 file ({@code .p12}/{@code .pfx}) or a PEM file with the chain and an unencrypted
 *       PKCS#8 key</td></tr>
 *   <tr><td>{@code sync.trustedCerts}</td><td>{@code CLINICTERM_SYNC_TRUSTED_CERTS}</td>
 *       <td>PEM bundle of CA certificates to trust instead of the system's (a private hub CA)</td></tr>
 *   <tr><td>{@code sync.maxResponseBytes}</td><td>—</td><td>default 1048576</td></tr>
 *   <tr><td>{@code sync.batchSize}</td><td>—</td><td>visits per upload, default 100</td></tr>
 * </table>
 * Precedence: command-line flags (applied by the caller on {@link #toBuilder()}) over environment over file over
 * defaults. {@link #toString()} never prints secrets.
 */
public record SyncConfig(
        ProviderKind provider,
        URI baseUrl,
        String facilityCode,
        Optional<String> username,
        Optional<String> password,
        Optional<String> bearerToken,
        Optional<String> staffName,
        Optional<String> staffIdNumber,
        Duration connectTimeout,
        Duration readTimeout,
        Duration writeTimeout,
        Duration callTimeout,
        List<String> certificatePins,
        Optional<Path> clientCertificate,
        Optional<String> clientCertificatePassword,
        Optional<Path> trustedCertificates,
        long maxResponseBytes,
        int batchSize,
        BackoffPolicy backoff) {

    /** Which eligibility provider to use. */
    public enum ProviderKind {
        /** The ClinicTerm central service (v1 API), which also takes visits and audit anchors. */
        CENTRAL,
        /** The BHXH gateway directly (clinics registered with it); eligibility only. */
        BHXH_GATEWAY
    }

    /** Property key ↔ environment variable. */
    private static final String[][] KEYS = {
        {"sync.provider", "CLINICTERM_SYNC_PROVIDER"},
        {"sync.url", "CLINICTERM_CENTRAL_URL"},
        {"sync.facilityCode", "CLINICTERM_FACILITY_CODE"},
        {"sync.username", "CLINICTERM_SYNC_USERNAME"},
        {"sync.password", "CLINICTERM_SYNC_PASSWORD"},
        {"sync.token", "CLINICTERM_SYNC_TOKEN"},
        {"sync.staffName", "CLINICTERM_SYNC_STAFF_NAME"},
        {"sync.staffId", "CLINICTERM_SYNC_STAFF_ID"},
        {"sync.connectTimeout", null},
        {"sync.readTimeout", null},
        {"sync.writeTimeout", null},
        {"sync.callTimeout", null},
        {"sync.pins", "CLINICTERM_SYNC_PINS"},
        {"sync.clientCert", "CLINICTERM_SYNC_CLIENT_CERT"},
        {"sync.clientCertPassword", "CLINICTERM_SYNC_CLIENT_CERT_PASSWORD"},
        {"sync.trustedCerts", "CLINICTERM_SYNC_TRUSTED_CERTS"},
        {"sync.maxResponseBytes", null},
        {"sync.batchSize", null},
    };

    public SyncConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(facilityCode, "facilityCode");
        certificatePins = List.copyOf(certificatePins);
        Objects.requireNonNull(backoff, "backoff");
        Endpoints.requireSecureOrLoopback(baseUrl, "sync.url");
        if (!facilityCode.matches("[0-9A-Za-z]{5}")) {
            throw new SyncConfigException("sync.facilityCode", "must be 5 letters or digits");
        }
        positive(connectTimeout, "sync.connectTimeout");
        positive(readTimeout, "sync.readTimeout");
        positive(writeTimeout, "sync.writeTimeout");
        positive(callTimeout, "sync.callTimeout");
        if (!certificatePins.isEmpty()) {
            if (certificatePins.size() < 2) {
                throw new SyncConfigException("sync.pins", "pinning needs a backup pin: give at least two");
            }
            for (String pin : certificatePins) {
                if (!pin.matches("sha256/[A-Za-z0-9+/]{43}=")) {
                    throw new SyncConfigException("sync.pins", "each pin must look like sha256/<base64 of 32 bytes>");
                }
            }
            if (!"https".equals(baseUrl.getScheme())) {
                throw new SyncConfigException("sync.pins", "pins need an https:// URL");
            }
        }
        if (clientCertificate.isPresent() && !"https".equals(baseUrl.getScheme())) {
            throw new SyncConfigException("sync.clientCert", "a client certificate needs an https:// URL");
        }
        if (maxResponseBytes < 1024 || maxResponseBytes > 64L * 1024 * 1024) {
            throw new SyncConfigException("sync.maxResponseBytes", "must be between 1024 and 67108864");
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw new SyncConfigException("sync.batchSize", "must be between 1 and 1000");
        }
        if (provider == ProviderKind.BHXH_GATEWAY) {
            if (password.isEmpty()) {
                throw new SyncConfigException("sync.password", "required for the BHXH gateway");
            }
            if (staffName.isEmpty()) {
                throw new SyncConfigException("sync.staffName", "required for the BHXH gateway (hoTenCb)");
            }
            if (staffIdNumber.isEmpty() || !staffIdNumber.get().matches("\\d{12}")) {
                throw new SyncConfigException("sync.staffId", "required for the BHXH gateway: 12 digits (cccdCb)");
            }
        }
    }

    private static void positive(Duration d, String key) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new SyncConfigException(key, "must be a positive duration");
        }
    }

    /** The gateway user name: {@code sync.username}, or {@code <facilityCode>_BV}. */
    public String gatewayUsername() {
        return username.orElse(facilityCode + "_BV");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.provider = provider;
        b.baseUrl = baseUrl;
        b.facilityCode = facilityCode;
        b.username = username;
        b.password = password;
        b.bearerToken = bearerToken;
        b.staffName = staffName;
        b.staffIdNumber = staffIdNumber;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.writeTimeout = writeTimeout;
        b.callTimeout = callTimeout;
        b.certificatePins = new ArrayList<>(certificatePins);
        b.clientCertificate = clientCertificate;
        b.clientCertificatePassword = clientCertificatePassword;
        b.trustedCertificates = trustedCertificates;
        b.maxResponseBytes = maxResponseBytes;
        b.batchSize = batchSize;
        b.backoff = backoff;
        return b;
    }

    /**
     * Loads from a properties file's contents, with environment variables (pass {@code System.getenv()}) taking
     * precedence. Errors name the offending key.
     */
    public static SyncConfig fromProperties(Properties props, Map<String, String> env) {
        Function<String, Optional<String>> get = key -> {
            for (String[] pair : KEYS) {
                if (pair[0].equals(key) && pair[1] != null) {
                    String v = env.get(pair[1]);
                    if (v != null && !v.isBlank()) {
                        return Optional.of(v.trim());
                    }
                }
            }
            String v = props.getProperty(key);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
        };
        Builder b = builder();
        get.apply("sync.provider").ifPresent(v -> b.provider(switch (v.toLowerCase(Locale.ROOT)) {
            case "central" -> ProviderKind.CENTRAL;
            case "bhxh", "bhxh_gateway", "gateway" -> ProviderKind.BHXH_GATEWAY;
            default -> throw new SyncConfigException("sync.provider", "must be central or bhxh");
        }));
        b.baseUrl(get.apply("sync.url").orElseThrow(() -> new SyncConfigException("sync.url", "is required")));
        b.facilityCode(get.apply("sync.facilityCode")
                .orElseThrow(() -> new SyncConfigException("sync.facilityCode", "is required")));
        b.username = get.apply("sync.username");
        b.password = get.apply("sync.password");
        b.bearerToken = get.apply("sync.token");
        b.staffName = get.apply("sync.staffName");
        b.staffIdNumber = get.apply("sync.staffId");
        get.apply("sync.connectTimeout").ifPresent(v -> b.connectTimeout = parseDuration("sync.connectTimeout", v));
        get.apply("sync.readTimeout").ifPresent(v -> b.readTimeout = parseDuration("sync.readTimeout", v));
        get.apply("sync.writeTimeout").ifPresent(v -> b.writeTimeout = parseDuration("sync.writeTimeout", v));
        get.apply("sync.callTimeout").ifPresent(v -> b.callTimeout = parseDuration("sync.callTimeout", v));
        get.apply("sync.pins").ifPresent(v -> {
            b.certificatePins = new ArrayList<>();
            for (String p : v.split(",")) {
                if (!p.isBlank()) {
                    b.certificatePins.add(p.trim());
                }
            }
        });
        b.clientCertificate = get.apply("sync.clientCert").map(Path::of);
        b.clientCertificatePassword = get.apply("sync.clientCertPassword");
        b.trustedCertificates = get.apply("sync.trustedCerts").map(Path::of);
        get.apply("sync.maxResponseBytes").ifPresent(v -> b.maxResponseBytes = parseLong("sync.maxResponseBytes", v));
        get.apply("sync.batchSize").ifPresent(v -> b.batchSize = (int) parseLong("sync.batchSize", v));
        return b.build();
    }

    private static long parseLong(String key, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new SyncConfigException(key, "must be a whole number");
        }
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT5S}). */
    public static Duration parseDuration(String key, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(v.trim().toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new SyncConfigException(key, "must be a duration such as 500ms, 5s, 1m or PT5S");
        }
    }

    @Override
    public String toString() {
        return "SyncConfig[provider=" + provider + ", baseUrl=" + baseUrl.getScheme() + "://" + baseUrl.getHost()
                + (baseUrl.getPort() > 0 ? ":" + baseUrl.getPort() : "") + ", facilityCode=" + facilityCode
                + ", password=" + (password.isPresent() ? "***" : "none")
                + ", token=" + (bearerToken.isPresent() ? "***" : "none")
                + ", callTimeout=" + callTimeout + ", pins=" + certificatePins.size()
                + ", clientCertificate=" + clientCertificate.isPresent() + "]";
    }

    /** Collects settings; {@link #build()} validates them and names the key at fault. */
    public static final class Builder {
        private ProviderKind provider = ProviderKind.CENTRAL;
        private URI baseUrl;
        private String facilityCode;
        private Optional<String> username = Optional.empty();
        private Optional<String> password = Optional.empty();
        private Optional<String> bearerToken = Optional.empty();
        private Optional<String> staffName = Optional.empty();
        private Optional<String> staffIdNumber = Optional.empty();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(10);
        private Duration writeTimeout = Duration.ofSeconds(10);
        private Duration callTimeout = Duration.ofSeconds(20);
        private List<String> certificatePins = new ArrayList<>();
        private Optional<Path> clientCertificate = Optional.empty();
        private Optional<String> clientCertificatePassword = Optional.empty();
        private Optional<Path> trustedCertificates = Optional.empty();
        private long maxResponseBytes = 1024 * 1024;
        private int batchSize = 100;
        private BackoffPolicy backoff = BackoffPolicy.DEFAULT;

        private Builder() {}

        public Builder provider(ProviderKind kind) {
            this.provider = Objects.requireNonNull(kind);
            return this;
        }

        public Builder baseUrl(String url) {
            try {
                this.baseUrl = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
            } catch (IllegalArgumentException e) {
                throw new SyncConfigException("sync.url", "is not a URL");
            }
            return this;
        }

        public Builder facilityCode(String code) {
            this.facilityCode = code;
            return this;
        }

        public Builder username(String v) {
            this.username = Optional.of(v);
            return this;
        }

        public Builder password(String v) {
            this.password = Optional.of(v);
            return this;
        }

        public Builder bearerToken(String v) {
            this.bearerToken = Optional.of(v);
            return this;
        }

        /** The registered staff member the gateway requires ({@code hoTenCb}, {@code cccdCb}). */
        public Builder staff(String name, String idNumber) {
            this.staffName = Optional.of(name);
            this.staffIdNumber = Optional.of(idNumber);
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        public Builder writeTimeout(Duration d) {
            this.writeTimeout = d;
            return this;
        }

        /** The whole call, from DNS to the last body byte. Nothing in this module waits longer per request. */
        public Builder callTimeout(Duration d) {
            this.callTimeout = d;
            return this;
        }

        /** Pins for the base URL's host; give the current key's pin and a backup key's pin. */
        public Builder certificatePins(String... pins) {
            this.certificatePins = new ArrayList<>(List.of(pins));
            return this;
        }

        public Builder clientCertificate(Path file, String password) {
            this.clientCertificate = Optional.of(file);
            this.clientCertificatePassword = Optional.ofNullable(password);
            return this;
        }

        public Builder trustedCertificates(Path pemBundle) {
            this.trustedCertificates = Optional.of(pemBundle);
            return this;
        }

        public Builder maxResponseBytes(long n) {
            this.maxResponseBytes = n;
            return this;
        }

        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        public Builder backoff(BackoffPolicy policy) {
            this.backoff = policy;
            return this;
        }

        public SyncConfig build() {
            if (baseUrl == null) {
                throw new SyncConfigException("sync.url", "is required");
            }
            if (facilityCode == null) {
                throw new SyncConfigException("sync.facilityCode", "is required");
            }
            return new SyncConfig(provider, baseUrl, facilityCode, username, password, bearerToken, staffName,
                    staffIdNumber, connectTimeout, readTimeout, writeTimeout, callTimeout, certificatePins,
                    clientCertificate, clientCertificatePassword, trustedCertificates, maxResponseBytes, batchSize,
                    backoff);
        }
    }
}
