package vn.clinicterm.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncConfigTest {

    static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void propertiesAreLoadedAndEnvironmentVariablesWin() {
        SyncConfig c = SyncConfig.fromProperties(
                props("sync.url", "https://hub.example.vn", "sync.facilityCode", "79001", "sync.callTimeout", "15s",
                        "sync.connectTimeout", "500ms", "sync.pins",
                        "sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=, sha256/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB="),
                Map.of("CLINICTERM_CENTRAL_URL", "https://other.example.vn/api", "CLINICTERM_SYNC_TOKEN", "t0ken"));

        assertThat(c.baseUrl().toString()).isEqualTo("https://other.example.vn/api");
        assertThat(c.callTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.certificatePins()).hasSize(2);
        assertThat(c.bearerToken()).contains("t0ken");
        assertThat(c.toString()).doesNotContain("t0ken");
    }

    @Test
    void aBadValueIsReportedWithItsKey() {
        assertThatThrownBy(() -> SyncConfig.fromProperties(
                props("sync.url", "https://hub.example.vn", "sync.facilityCode", "79001", "sync.readTimeout", "soon"),
                Map.of()))
                .isInstanceOf(SyncConfigException.class)
                .hasMessageStartingWith("sync.readTimeout:")
                .extracting(e -> ((SyncConfigException) e).key()).isEqualTo("sync.readTimeout");
    }

    @Test
    void aMissingUrlIsReportedWithItsKey() {
        assertThatThrownBy(() -> SyncConfig.fromProperties(props("sync.facilityCode", "79001"), Map.of()))
                .hasMessage("sync.url: is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hub.example.vn", "http://10.0.0.5:8080", "http://127.evil.example",
        "ftp://127.0.0.1", "http://128.0.0.1", "https://user:pw@hub.example.vn", "http://127.0.0.1.nip.io"})
    void plainHttpIsRefusedExceptToLoopback(String url) {
        assertThatThrownBy(() -> SyncConfig.builder().baseUrl(url).facilityCode("79001").build())
                .isInstanceOf(SyncConfigException.class)
                .hasMessageStartingWith("sync.url:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8443", "http://127.1.2.3", "http://[::1]:8443", "http://localhost:1",
        "https://hub.example.vn"})
    void loopbackMayUsePlainHttp(String url) {
        assertThat(SyncConfig.builder().baseUrl(url).facilityCode("79001").build().baseUrl()).isNotNull();
    }

    @Test
    void pinningWithoutABackupPinIsRefused() {
        assertThatThrownBy(() -> SyncConfig.builder().baseUrl("https://hub.example.vn").facilityCode("79001")
                .certificatePins("sha256/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=").build())
                .hasMessageStartingWith("sync.pins:");
    }

    @Test
    void theGatewayNeedsARegisteredStaffMember() {
        assertThatThrownBy(() -> SyncConfig.builder().provider(SyncConfig.ProviderKind.BHXH_GATEWAY)
                .baseUrl("https://egw.example.vn").facilityCode("79001").password("x").build())
                .hasMessageStartingWith("sync.staffName:");
    }

    @Test
    void theGatewayUsernameDefaultsToTheFacilityCodeWithBv() {
        SyncConfig c = SyncConfig.fromProperties(props("sync.provider", "bhxh", "sync.url", "https://egw.example.vn",
                "sync.facilityCode", "79001", "sync.password", "pw", "sync.staffName", "A", "sync.staffId",
                "079190000001"), Map.of());
        assertThat(c.gatewayUsername()).isEqualTo("79001_BV");
    }
}
