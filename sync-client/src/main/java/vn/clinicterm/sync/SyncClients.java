package vn.clinicterm.sync;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import vn.clinicterm.sync.internal.BearerAuth;
import vn.clinicterm.sync.internal.BhxhGatewayProvider;
import vn.clinicterm.sync.internal.CentralEligibilityProvider;
import vn.clinicterm.sync.internal.HttpClientFactory;
import vn.clinicterm.sync.internal.RealCentralClient;
import vn.clinicterm.sync.internal.RefreshingTokenSource;

/**
 * The clients a {@link SyncConfig} describes, wired once: {@link #eligibility()} (central or gateway, as configured)
 * and, for the central provider, {@link #central()}. Close it to release connections.
 */
public final class SyncClients implements AutoCloseable {

    private final OkHttpClient readClient;
    private final EligibilityProvider eligibility;
    private final Optional<CentralClient> central;

    private SyncClients(Builder b) {
        SyncConfig config = b.config;
        Optional<HttpClientFactory.Tls> tls = b.socketFactory == null ? Optional.empty()
                : Optional.of(new HttpClientFactory.Tls(b.socketFactory, b.trustManager));
        OkHttpClient plain = HttpClientFactory.readClient(config, b.baseClient, tls);
        String url = config.baseUrl().toString();
        switch (config.provider()) {
            case CENTRAL -> {
                TokenSource tokens = b.tokenSource != null ? b.tokenSource
                        : config.bearerToken().isPresent() ? TokenSource.fixed(config.bearerToken().get())
                        : config.password().isPresent()
                                ? new RefreshingTokenSource(plain, url, config.username().orElse(config.facilityCode()),
                                        config.password().get(), config.maxResponseBytes(), b.clock)
                                : null;
                OkHttpClient authed = tokens == null ? plain : plain.newBuilder()
                        .addInterceptor(BearerAuth.interceptor(tokens))
                        .authenticator(BearerAuth.authenticator(tokens))
                        .build();
                this.readClient = authed;
                RealCentralClient c = new RealCentralClient(url, config.facilityCode(), authed,
                        HttpClientFactory.writeClient(authed), config.maxResponseBytes(), b.clock);
                this.central = Optional.of(c);
                this.eligibility = new CentralEligibilityProvider(c);
            }
            case BHXH_GATEWAY -> {
                this.readClient = plain;
                this.central = Optional.empty();
                this.eligibility = new BhxhGatewayProvider(url, config.gatewayUsername(), config.password().get(),
                        config.staffName().get(), config.staffIdNumber().get(), plain, config.maxResponseBytes(),
                        b.clock);
            }
            default -> throw new IllegalStateException();
        }
    }

    /**
     * An HTTP client for writes to another endpoint of the same deployment (the BHXH check-in call): the
     * configuration's timeouts, TLS trust, certificate pins and client certificate, with the longer write timeouts,
     * and no authentication (the caller adds its own).
     */
    public static OkHttpClient httpClient(SyncConfig config) {
        return HttpClientFactory.writeClient(HttpClientFactory.readClient(config, null, Optional.empty()));
    }

    public static Builder builder(SyncConfig config) {
        return new Builder(config);
    }

    public EligibilityProvider eligibility() {
        return eligibility;
    }

    /** The central service's client; empty when the provider is the BHXH gateway. */
    public Optional<CentralClient> central() {
        return central;
    }

    @Override
    public void close() {
        readClient.dispatcher().executorService().shutdown();
        readClient.connectionPool().evictAll();
    }

    /** Optional collaborators; defaults are the system clock and the configuration's own TLS settings. */
    public static final class Builder {
        private final SyncConfig config;
        private Clock clock = Clock.systemUTC();
        private OkHttpClient baseClient;
        private SSLSocketFactory socketFactory;
        private X509TrustManager trustManager;
        private TokenSource tokenSource;

        private Builder(SyncConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** A base client to derive from (event listeners, a shared connection pool); timeouts are overridden. */
        public Builder httpClient(OkHttpClient base) {
            this.baseClient = base;
            return this;
        }

        /** TLS material to use instead of the configuration's files (tests; apps that hold keys elsewhere). */
        public Builder tls(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
            this.socketFactory = Objects.requireNonNull(socketFactory);
            this.trustManager = Objects.requireNonNull(trustManager);
            return this;
        }

        public Builder tokenSource(TokenSource tokens) {
            this.tokenSource = tokens;
            return this;
        }

        public SyncClients build() {
            return new SyncClients(this);
        }
    }
}
