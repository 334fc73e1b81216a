package vn.clinicterm.terminal.selftest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import vn.clinicterm.sync.CentralClient;
import vn.clinicterm.sync.SyncClients;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncConfigException;
import vn.clinicterm.sync.SyncError;
import vn.clinicterm.terminal.sync.SyncSettings;

/**
 * The central service answers, through the same client, TLS settings (trusted CAs, pins, client certificate) and
 * credentials the terminal syncs with, within the context's time limit. The central API (v1) has no health call, so
 * the probe is its one read-only call, {@code GET /v1/trust-material}: an answer proves the network path, TLS and the
 * credentials. For the BHXH gateway, which has no read-only call, a TCP connection to its host is all that is tried.
 * No {@code sync.url}: skipped, the terminal works offline.
 */
final class CentralServiceCheck implements Check {

    static final String NAME = "central-service";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(SelfTestContext context) {
        if (!SyncSettings.isConfigured(context.config())) {
            return CheckResult.skip(NAME, "not configured (no sync.url): the terminal works offline");
        }
        SyncConfig config;
        try {
            config = capped(SyncSettings.toSyncConfig(context.config()), context.centralTimeout());
        } catch (SyncConfigException e) {
            return CheckResult.skip(NAME, "the sync configuration is invalid (see configuration)");
        }
        String where = origin(config.baseUrl());
        if (config.provider() == SyncConfig.ProviderKind.BHXH_GATEWAY) {
            return gateway(config, where);
        }
        long start = System.nanoTime();
        CentralClient.TrustMaterialResult result;
        try (SyncClients clients = SyncClients.builder(config).clock(context.clock()).build()) {
            result = clients.central().orElseThrow().fetchTrustMaterial(Optional.empty());
        } catch (SyncConfigException e) {
            return CheckResult.fail(NAME, where + ": " + e.getMessage());
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return switch (result) {
            case CentralClient.TrustMaterialResult.Updated u ->
                    CheckResult.ok(NAME, where + " answered in " + millis + " ms (trust material "
                            + u.material().version() + ")");
            case CentralClient.TrustMaterialResult.UpToDate u ->
                    CheckResult.ok(NAME, where + " answered in " + millis + " ms");
            case CentralClient.TrustMaterialResult.Failed(SyncError e) -> CheckResult.fail(NAME, where + " "
                    + explain(e));
        };
    }

    private static String explain(SyncError e) {
        return switch (e.kind()) {
            case TIMEOUT, CONNECTION -> "unreachable: " + e.describe();
            case TLS -> "refused the TLS handshake: " + e.describe()
                    + " (check sync.trustedCerts, sync.pins, sync.clientCert)";
            case AUTH -> "is reachable but refused the credentials: " + e.describe()
                    + " (check sync.token, or sync.username and sync.password)";
            case SERVER_BUSY -> "is reachable but not serving: " + e.describe();
            case REJECTED, BODY_TOO_LARGE, MALFORMED_RESPONSE -> "is reachable but did not answer as the central API"
                    + " does (is sync.url the ClinicTerm central service?): " + e.describe();
            case LOCAL -> "was not asked: " + e.describe();
        };
    }

    private static CheckResult gateway(SyncConfig config, String where) {
        URI url = config.baseUrl();
        int port = url.getPort() > 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(url.getHost(), port), (int) config.connectTimeout().toMillis());
        } catch (IOException e) {
            return CheckResult.fail(NAME, where + " unreachable: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
        return CheckResult.ok(NAME, where + " (BHXH gateway) accepts connections (" + (System.nanoTime() - start)
                / 1_000_000 + " ms); the gateway has no read-only call, so TLS and the account are not tried");
    }

    /** The configuration with its timeouts cut down to the self-test's limit. */
    private static SyncConfig capped(SyncConfig c, Duration limit) {
        return c.toBuilder()
                .connectTimeout(min(c.connectTimeout(), limit))
                .readTimeout(min(c.readTimeout(), limit))
                .writeTimeout(min(c.writeTimeout(), limit))
                .callTimeout(min(c.callTimeout(), limit))
                .build();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code https://host:port}: never a path, query or credentials. */
    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }
}
