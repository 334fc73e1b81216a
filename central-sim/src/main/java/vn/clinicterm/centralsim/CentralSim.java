package vn.clinicterm.centralsim;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import vn.clinicterm.centralsim.internal.SimHandler;
import vn.clinicterm.centralsim.internal.Store;

/**
 * The central service and the BHXH gateway, simulated on one loopback port.
 *
 * <pre>{@code
 * try (CentralSim sim = CentralSim.builder().port(0).faults("error503=0.1").seed(1).start()) {
 *     String url = sim.baseUrl();   // http://127.0.0.1:PORT
 *     ...
 *     sim.stats().visitsStored();
 * }
 * }</pre>
 *
 * <p>Routes: {@code POST /v1/auth/token}, {@code POST /v1/eligibility}, {@code POST /v1/visits/batch},
 * {@code POST /v1/audit-anchors}, {@code GET /v1/trust-material} (central API v1); {@code POST /api/token/take},
 * {@code POST /api/egw/KQNhanLichSuKCB2024} and the hook {@code POST /api/qd130/checkInKcbQd3176} (gateway);
 * {@code GET /_sim/stats}, {@code GET|POST /_sim/faults} (control, never faulted). Bodies over the limit get 413,
 * malformed ones 400, both with a JSON {@code {"error", "message"}}.
 *
 * <p>Defaults: gateway account {@code 79001_BV} / {@code sim-password}, registered staff {@code 079190000001}
 * "Trần Thị Lễ Tân", tokens living 30 minutes, central API without authentication.
 */
public final class CentralSim implements AutoCloseable {

    public static final String DEFAULT_FACILITY = "79001";
    public static final String DEFAULT_PASSWORD = "sim-password";
    public static final String DEFAULT_STAFF_ID = "079190000001";
    public static final String DEFAULT_STAFF_NAME = "Trần Thị Lễ Tân";

    private final HttpServer server;
    private final SimHandler handler;
    private final ExecutorService executor;
    private final boolean tls;

    private CentralSim(HttpServer server, SimHandler handler, ExecutorService executor, boolean tls) {
        this.server = server;
        this.handler = handler;
        this.executor = executor;
        this.tls = tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT} or {@code https://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SimStats stats() {
        return handler.stats();
    }

    /** Every visit item stored, in arrival order (replays excluded). */
    public List<Store.ReceivedVisit> receivedVisits() {
        return handler.store().visits();
    }

    public FaultSpec faults() {
        return handler.spec();
    }

    /** Replaces the probabilistic faults. */
    public void setFaults(FaultSpec spec) {
        handler.setSpec(Objects.requireNonNull(spec));
    }

    /** The next {@code count} API requests suffer {@code fault}, ahead of any probabilistic fault. */
    public void failNext(FaultSpec.Fault fault, int count) {
        handler.failNext(fault, count);
    }

    @Override
    public void close() {
        handler.closing();
        server.stop(0);
        executor.shutdownNow();
    }

    /** Settings for {@link #start()}. */
    public static final class Builder {
        private int port;
        private HeldCertificate serverCertificate;
        private HeldCertificate clientCa;
        private FaultSpec faults = FaultSpec.NONE;
        private long seed = 1;
        private int maxBodyBytes = 1024 * 1024;
        private String facilityCode = DEFAULT_FACILITY;
        private String password = DEFAULT_PASSWORD;
        private final Map<String, String> staff = new LinkedHashMap<>(Map.of(DEFAULT_STAFF_ID, DEFAULT_STAFF_NAME));
        private Duration tokenLifetime = Duration.ofMinutes(30);
        private String[] centralCredentials;
        private CheckInReceiver checkIn;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** 0 picks a free port. The server binds to 127.0.0.1 only. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            this.port = port;
            return this;
        }

        /** Serve HTTPS with this certificate (and its chain, if it was signed by an intermediate). */
        public Builder tls(HeldCertificate serverCertificate) {
            this.serverCertificate = serverCertificate;
            return this;
        }

        /** Require a client certificate issued by this CA (mutual TLS). Needs {@link #tls}. */
        public Builder requireClientCertificate(HeldCertificate clientCa) {
            this.clientCa = clientCa;
            return this;
        }

        public Builder faults(String spec) {
            this.faults = FaultSpec.parse(spec);
            return this;
        }

        public Builder faults(FaultSpec spec) {
            this.faults = Objects.requireNonNull(spec);
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder maxBodyBytes(int n) {
            this.maxBodyBytes = n;
            return this;
        }

        /** The gateway account: user {@code <facilityCode>_BV}, this password (the client sends its MD5). */
        public Builder gatewayAccount(String facilityCode, String password) {
            this.facilityCode = facilityCode;
            this.password = password;
            return this;
        }

        public Builder registeredStaff(String idNumber, String name) {
            this.staff.put(idNumber, name);
            return this;
        }

        /** How long gateway and central tokens live. */
        public Builder tokenLifetime(Duration d) {
            this.tokenLifetime = d;
            return this;
        }

        /** Require bearer tokens on the central API, issued by {@code /v1/auth/token} for these credentials. */
        public Builder centralCredentials(String clientId, String secret) {
            this.centralCredentials = new String[] {clientId, secret};
            return this;
        }

        public Builder checkInReceiver(CheckInReceiver receiver) {
            this.checkIn = receiver;
            return this;
        }

        /** The clock for token expiry. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public CentralSim start() {
            if (clientCa != null && serverCertificate == null) {
                throw new IllegalStateException("a client certificate needs tls()");
            }
            SimHandler handler = new SimHandler(new SimHandler.Settings(maxBodyBytes, facilityCode + "_BV",
                    md5(password), Map.copyOf(staff), tokenLifetime, Optional.ofNullable(centralCredentials),
                    Optional.ofNullable(checkIn), clock), faults, seed);
            InetSocketAddress addr = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            try {
                HttpServer server;
                if (serverCertificate != null) {
                    HttpsServer https = HttpsServer.create(addr, 128);
                    HandshakeCertificates.Builder hb = new HandshakeCertificates.Builder()
                            .heldCertificate(serverCertificate);
                    if (clientCa != null) {
                        hb.addTrustedCertificate(clientCa.certificate());
                    }
                    SSLContext ctx = hb.build().sslContext();
                    boolean needClient = clientCa != null;
                    https.setHttpsConfigurator(new HttpsConfigurator(ctx) {
                        @Override
                        public void configure(HttpsParameters params) {
                            SSLParameters p = getSSLContext().getDefaultSSLParameters();
                            p.setNeedClientAuth(needClient);
                            params.setSSLParameters(p);
                        }
                    });
                    server = https;
                } else {
                    server = HttpServer.create(addr, 128);
                }
                server.createContext("/", handler);
                server.setExecutor(executor);
                server.start();
                return new CentralSim(server, handler, executor, serverCertificate != null);
            } catch (IOException e) {
                executor.shutdownNow();
                throw new UncheckedIOException("cannot start central-sim on 127.0.0.1:" + port, e);
            }
        }

        private static String md5(String s) {
            try {
                return HexFormat.of().formatHex(
                        MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
