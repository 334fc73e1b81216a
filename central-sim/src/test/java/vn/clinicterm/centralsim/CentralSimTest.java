package vn.clinicterm.centralsim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.sync.EligibilityQuery;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.sync.SyncClients;
import vn.clinicterm.sync.SyncConfig;

class CentralSimTest {

    static final MediaType JSON = MediaType.get("application/json");
    final OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(5)).build();

    static EligibilityQuery query(int n) {
        SimCitizen c = SyntheticCitizens.citizen(n);
        return EligibilityQuery.of(c.idNumber(), c.fullName(), c.dateOfBirth());
    }

    Response post(String url, String key, String body) throws Exception {
        Request.Builder b = new Request.Builder().url(url).post(RequestBody.create(body, JSON));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return http.newCall(b.build()).execute();
    }

    @ParameterizedTest(name = "citizen {0} → {1} {2}")
    @CsvSource({"1, ELIGIBLE, VALID", "7, UNKNOWN_PERSON, NOT_FOUND", "3, NOT_ELIGIBLE, EXPIRED",
        "9, ELIGIBLE, VALID", "11, ELIGIBLE, CARD_RENEWED", "22, NOT_ELIGIBLE, REVOKED",
        "44, NOT_ELIGIBLE, COVERAGE_WITHDRAWN"})
    void bothProtocolsGiveTheDocumentedAnswerForEachKindOfCitizen(int n, String outcome, String reason) {
        try (CentralSim sim = CentralSim.builder().port(0).start()) {
            SyncConfig central = SyncConfig.builder().baseUrl(sim.baseUrl()).facilityCode("79001").build();
            SyncConfig gateway = central.toBuilder().provider(SyncConfig.ProviderKind.BHXH_GATEWAY)
                    .password(CentralSim.DEFAULT_PASSWORD)
                    .staff(CentralSim.DEFAULT_STAFF_NAME, CentralSim.DEFAULT_STAFF_ID).build();
            for (SyncConfig config : new SyncConfig[] {central, gateway}) {
                try (SyncClients clients = SyncClients.builder(config).build()) {
                    EligibilityResult r = clients.eligibility().check(query(n));
                    assertThat(r.outcome()).as(config.provider().name()).isEqualTo(outcome);
                    assertThat(r.reasonCode().name()).as(config.provider().name()).isEqualTo(reason);
                    if (n == 9) {
                        assertThat(((EligibilityResult.Eligible) r).benefitLevel()).isEqualTo(80);
                    }
                }
            }
        }
    }

    @Test
    void theGatewayAsksForReloginWhenItsTokenExpired() {
        try (CentralSim sim = CentralSim.builder().port(0).tokenLifetime(Duration.ofMillis(1)).start()) {
            SyncConfig gateway = SyncConfig.builder().provider(SyncConfig.ProviderKind.BHXH_GATEWAY)
                    .baseUrl(sim.baseUrl()).facilityCode("79001").password(CentralSim.DEFAULT_PASSWORD)
                    .staff(CentralSim.DEFAULT_STAFF_NAME, CentralSim.DEFAULT_STAFF_ID).build();
            try (SyncClients clients = SyncClients.builder(gateway).build()) {
                EligibilityResult r = clients.eligibility().check(query(1));
                // every token is already expired on arrival: one retry after re-login, then an honest AUTH error
                assertThat(r.outcome()).isEqualTo("ERROR");
                assertThat(sim.stats().gatewayLogins()).isEqualTo(2);
            }
        }
    }

    @Test
    void anUnregisteredStaffMemberIsRefusedWithCode054() {
        try (CentralSim sim = CentralSim.builder().port(0).start()) {
            SyncConfig gateway = SyncConfig.builder().provider(SyncConfig.ProviderKind.BHXH_GATEWAY)
                    .baseUrl(sim.baseUrl()).facilityCode("79001").password(CentralSim.DEFAULT_PASSWORD)
                    .staff("Người Lạ", "079190009999").build();
            try (SyncClients clients = SyncClients.builder(gateway).build()) {
                assertThat(clients.eligibility().check(query(1)).reasonCode().name()).isEqualTo("STAFF_NOT_REGISTERED");
            }
        }
    }

    @Test
    void theSameKeyWithADifferentBodyIs422AndTheSameBodyIsReplayed() throws Exception {
        try (CentralSim sim = CentralSim.builder().port(0).start()) {
            String key = "6b1c2a4e-1111-4222-8333-944455556666";
            String anchor = "{\"chainId\":\"c\",\"sequence\":1,\"headHash\":\"" + "ab".repeat(32) + "\"}";
            try (Response r1 = post(sim.baseUrl() + "/v1/audit-anchors", key, anchor);
                    Response r2 = post(sim.baseUrl() + "/v1/audit-anchors", key, anchor);
                    Response r3 = post(sim.baseUrl() + "/v1/audit-anchors", key, anchor.replace("1,", "2,"))) {
                assertThat(r1.code()).isEqualTo(201);
                assertThat(r2.code()).isEqualTo(201);
                assertThat(r2.header("Idempotent-Replayed")).isEqualTo("true");
                assertThat(r3.code()).isEqualTo(422);
            }
            assertThat(sim.stats().anchorsStored()).isEqualTo(1);
            assertThat(sim.stats().conflicts()).isEqualTo(1);
        }
    }

    @Test
    void malformedAndOversizedRequestsGetJsonErrors() throws Exception {
        try (CentralSim sim = CentralSim.builder().port(0).maxBodyBytes(4096).start()) {
            try (Response bad = post(sim.baseUrl() + "/v1/eligibility", null, "{\"idNumber\": 12");
                    Response big = post(sim.baseUrl() + "/v1/eligibility", null, "x".repeat(5000));
                    Response noKey = post(sim.baseUrl() + "/v1/visits/batch", null, "{}")) {
                assertThat(bad.code()).isEqualTo(400);
                assertThat(bad.body().string()).contains("\"error\":\"BAD_REQUEST\"");
                assertThat(big.code()).isEqualTo(413);
                assertThat(noKey.code()).isEqualTo(400);
            }
        }
    }

    @Test
    void faultsCanBeToggledAtRuntimeAndStatsAreServed() throws Exception {
        try (CentralSim sim = CentralSim.builder().port(0).start()) {
            try (Response t = post(sim.baseUrl() + "/_sim/faults", null, "{\"next\":{\"error503\":2}}");
                    Response a = post(sim.baseUrl() + "/v1/eligibility", null, "{}");
                    Response b = post(sim.baseUrl() + "/v1/eligibility", null, "{}");
                    Response c = post(sim.baseUrl() + "/v1/eligibility", null, "{}");
                    Response stats = http.newCall(new Request.Builder().url(sim.baseUrl() + "/_sim/stats").build())
                            .execute()) {
                assertThat(t.code()).isEqualTo(200);
                assertThat(a.code()).isEqualTo(503);
                assertThat(b.code()).isEqualTo(503);
                assertThat(c.code()).isEqualTo(400);
                assertThat(stats.body().string()).contains("\"ERROR_503\":2");
            }
        }
    }

    @Test
    void theCheckInHookValidatesTheEnvelopeAndAnswers501UntilIssue9() throws Exception {
        try (CentralSim sim = CentralSim.builder().port(0).start()) {
            Request noToken = new Request.Builder().url(sim.baseUrl() + "/api/qd130/checkInKcbQd3176")
                    .post(RequestBody.create("username=79001_BV&loaiHoSo=0",
                            MediaType.get("application/x-www-form-urlencoded"))).build();
            try (Response r = http.newCall(noToken).execute()) {
                assertThat(r.code()).isEqualTo(401);
            }
        }
        try (CentralSim sim = CentralSim.builder().port(0)
                .checkInReceiver((decision, form, xml) -> Map.of("maKetQua", "200", "maGiaoDich", "GD1")).start()) {
            assertThat(sim.baseUrl()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void overTlsAWrongServerCertificateAndAMissingClientCertificateBothFailClosed() {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("sim ca").build();
        HeldCertificate serverCert = new HeldCertificate.Builder().signedBy(ca)
                .addSubjectAlternativeName("127.0.0.1").build();
        HeldCertificate clientCert = new HeldCertificate.Builder().signedBy(ca).commonName("terminal").build();
        HeldCertificate stranger = new HeldCertificate.Builder().certificateAuthority(0).commonName("other").build();
        try (CentralSim sim = CentralSim.builder().port(0).tls(serverCert).requireClientCertificate(ca).start()) {
            SyncConfig config = SyncConfig.builder().baseUrl(sim.baseUrl()).facilityCode("79001")
                    .callTimeout(Duration.ofSeconds(3)).build();
            HandshakeCertificates good = new HandshakeCertificates.Builder().addTrustedCertificate(ca.certificate())
                    .heldCertificate(clientCert).build();
            HandshakeCertificates noClient = new HandshakeCertificates.Builder()
                    .addTrustedCertificate(ca.certificate()).build();
            HandshakeCertificates wrongTrust = new HandshakeCertificates.Builder()
                    .addTrustedCertificate(stranger.certificate()).heldCertificate(clientCert).build();

            assertThat(check(config, good)).isInstanceOf(EligibilityResult.Eligible.class);
            assertThat(check(config, noClient)).isInstanceOf(EligibilityResult.Pending.class);
            assertThat(check(config, wrongTrust)).isInstanceOf(EligibilityResult.Pending.class);
            assertThat(sim.stats().eligibilityChecks()).isEqualTo(1);
        }
    }

    static EligibilityResult check(SyncConfig config, HandshakeCertificates tls) {
        try (SyncClients clients = SyncClients.builder(config).tls(tls.sslSocketFactory(), tls.trustManager()).build()) {
            return clients.eligibility().check(query(1));
        }
    }
}
