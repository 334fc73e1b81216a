package vn.clinicterm.sync.internal;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.CertificatePinner;
import okhttp3.OkHttpClient;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncConfigException;

/**
 * Builds the two OkHttp clients every provider uses from one configuration: a read client, and a write client that
 * never silently retries after a connection failure (the server may have processed the request; only the worker,
 * which holds the idempotency key, may decide to retry). Redirects are not followed: an API that moves is a
 * configuration change, not something a terminal should chase.
 */
public final class HttpClientFactory {

    /** A TLS override (tests, or an embedding app that owns its key material). */
    public record Tls(SSLSocketFactory socketFactory, X509TrustManager trustManager) {}

    private HttpClientFactory() {}

    public static OkHttpClient readClient(SyncConfig config, OkHttpClient base, Optional<Tls> tlsOverride) {
        OkHttpClient.Builder b = (base == null ? new OkHttpClient.Builder() : base.newBuilder())
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.writeTimeout())
                .callTimeout(config.callTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(true);
        Optional<Tls> tls = tlsOverride.isPresent() ? tlsOverride : tlsFromConfig(config);
        tls.ifPresent(t -> b.sslSocketFactory(t.socketFactory(), t.trustManager()));
        if (!config.certificatePins().isEmpty()) {
            b.certificatePinner(new CertificatePinner.Builder()
                    .add(config.baseUrl().getHost(), config.certificatePins().toArray(String[]::new))
                    .build());
        }
        return b.build();
    }

    public static OkHttpClient writeClient(OkHttpClient readClient) {
        return readClient.newBuilder().retryOnConnectionFailure(false).build();
    }

    private static Optional<Tls> tlsFromConfig(SyncConfig config) {
        if (config.clientCertificate().isEmpty() && config.trustedCertificates().isEmpty()) {
            return Optional.empty();
        }
        try {
            X509TrustManager tm = config.trustedCertificates().isPresent()
                    ? ClientCertificates.trustManager(config.trustedCertificates().get())
                    : ClientCertificates.trustManager((KeyStore) null);
            KeyManager[] kms = config.clientCertificate().isPresent()
                    ? ClientCertificates.keyManagers(config.clientCertificate().get(),
                            config.clientCertificatePassword().map(String::toCharArray).orElse(null))
                    : null;
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kms, new X509TrustManager[] {tm}, new SecureRandom());
            return Optional.of(new Tls(ctx.getSocketFactory(), tm));
        } catch (GeneralSecurityException e) {
            throw new SyncConfigException("sync.clientCert", "cannot set up TLS: " + e.getClass().getSimpleName());
        }
    }
}
