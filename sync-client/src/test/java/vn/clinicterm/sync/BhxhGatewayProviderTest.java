package vn.clinicterm.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.clinicterm.sync.internal.BhxhResultCodes;
import vn.clinicterm.sync.internal.Md5;

class BhxhGatewayProviderTest {

    static final EligibilityQuery QUERY = EligibilityQuery.of("001085012345", "Nguyễn Văn An", LocalDate.of(1985, 3, 12));
    static final String CARD_FIELDS = "\"maThe\":\"DN2011085012345\",\"maDKBD\":\"01002\",\"gtTheTu\":\"01/01/2026\","
            + "\"gtTheDen\":\"31/12/2026\",\"ngayDu5Nam\":\"01/01/2021\"";

    MockWebServer server;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T08:00:00Z"));
    SyncClients clients;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        server.close();
    }

    EligibilityProvider gateway() {
        SyncConfig config = SyncConfig.builder().provider(SyncConfig.ProviderKind.BHXH_GATEWAY)
                .baseUrl(server.url("/").toString()).facilityCode("79001").password("sim-password")
                .staff("Trần Thị Lễ Tân", "079190000001").callTimeout(Duration.ofSeconds(3)).build();
        clients = SyncClients.builder(config).clock(clock).build();
        return clients.eligibility();
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse token(String access, String expires) {
        return json("{\"maKetQua\":\"200\",\"APIKey\":{\"access_token\":\"" + access + "\",\"id_token\":\"id-"
                + access + "\",\"token_type\":\"bearer\",\"username\":\"79001_BV\",\"expires_in\":\"" + expires + "\"}}");
    }

    static MockResponse answer(String code) {
        return json("{\"maKetQua\":\"" + code + "\",\"ghiChu\":\"x\"," + CARD_FIELDS + "}");
    }

    /** The expected table, written independently of {@link BhxhResultCodes}: code → outcome, reason. */
    static Stream<Arguments> everyCode() {
        return Stream.of(
                Arguments.of("000", "ELIGIBLE", ReasonCode.VALID),
                Arguments.of("001", "UNKNOWN_PERSON", ReasonCode.MANAGED_BY_MOD),
                Arguments.of("002", "UNKNOWN_PERSON", ReasonCode.MANAGED_BY_MPS),
                Arguments.of("003", "ELIGIBLE", ReasonCode.CARD_RENEWED),
                Arguments.of("004", "ELIGIBLE", ReasonCode.CARD_RENEWED),
                Arguments.of("010", "NOT_ELIGIBLE", ReasonCode.EXPIRED),
                Arguments.of("050", "UNKNOWN_PERSON", ReasonCode.NOT_FOUND),
                Arguments.of("051", "UNKNOWN_PERSON", ReasonCode.INVALID_CARD_CODE),
                Arguments.of("052", "UNKNOWN_PERSON", ReasonCode.INVALID_CARD_CODE),
                Arguments.of("053", "UNKNOWN_PERSON", ReasonCode.INVALID_CARD_CODE),
                Arguments.of("054", "ERROR", ReasonCode.STAFF_NOT_REGISTERED),
                Arguments.of("055", "ERROR", ReasonCode.STAFF_NOT_REGISTERED),
                Arguments.of("060", "NOT_ELIGIBLE", ReasonCode.NAME_MISMATCH),
                Arguments.of("061", "NOT_ELIGIBLE", ReasonCode.NAME_MISMATCH),
                Arguments.of("070", "NOT_ELIGIBLE", ReasonCode.DOB_MISMATCH),
                Arguments.of("100", "PENDING", ReasonCode.UNREACHABLE),
                Arguments.of("101", "PENDING", ReasonCode.UNREACHABLE),
                Arguments.of("110", "NOT_ELIGIBLE", ReasonCode.REVOKED),
                Arguments.of("120", "NOT_ELIGIBLE", ReasonCode.COVERAGE_WITHDRAWN),
                Arguments.of("121", "NOT_ELIGIBLE", ReasonCode.COVERAGE_WITHDRAWN),
                Arguments.of("122", "NOT_ELIGIBLE", ReasonCode.COVERAGE_WITHDRAWN),
                Arguments.of("123", "NOT_ELIGIBLE", ReasonCode.COVERAGE_WITHDRAWN),
                Arguments.of("124", "NOT_ELIGIBLE", ReasonCode.COVERAGE_WITHDRAWN),
                Arguments.of("130", "UNKNOWN_PERSON", ReasonCode.CHILD_WITHOUT_CARD),
                Arguments.of("205", "ERROR", ReasonCode.BAD_PARAMETER),
                Arguments.of("999", "ERROR", ReasonCode.UNKNOWN_CODE));
    }

    @ParameterizedTest(name = "maKetQua {0} → {1} {2}")
    @MethodSource("everyCode")
    void everyGatewayCodeMapsToItsOutcome(String code, String outcome, ReasonCode reason) {
        server.enqueue(token("access-token-1", "2026-11-28T09:00:00Z"));
        server.enqueue(answer(code));

        EligibilityResult r = gateway().check(QUERY);

        assertThat(r.outcome()).isEqualTo(outcome);
        assertThat(r.reasonCode()).isEqualTo(reason);
    }

    @Test
    void theCodeTableHasEveryRowTheTestsExpectAndNoOthers() {
        assertThat(BhxhResultCodes.all().keySet()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(everyCode().map(a -> (String) a.get()[0]).filter(c -> !c.equals("999")),
                        Stream.of("401")).toList());
    }

    @Test
    void theLoginAndTheLookupCarryWhatTheGatewayWants() throws Exception {
        server.enqueue(token("access-token-1", "2026-11-28T09:00:00Z"));
        server.enqueue(answer("000"));

        EligibilityResult r = gateway().check(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Eligible.class);
        var e = (EligibilityResult.Eligible) r;
        assertThat(e.benefitLevel()).isEqualTo(100);
        assertThat(e.registeredFacility()).isEqualTo("01002");
        assertThat(e.fiveYearContinuousFrom()).contains(LocalDate.of(2021, 1, 1));
        RecordedRequest login = server.takeRequest();
        assertThat(login.getUrl().encodedPath()).isEqualTo("/api/token/take");
        assertThat(login.getBody().utf8()).contains("\"username\":\"79001_BV\"")
                .contains("\"password\":\"" + Md5.hex("sim-password") + "\"");
        RecordedRequest lookup = server.takeRequest();
        assertThat(lookup.getUrl().encodedPath()).isEqualTo("/api/egw/KQNhanLichSuKCB2024");
        assertThat(lookup.getUrl().queryParameter("token")).isEqualTo("access-token-1");
        assertThat(lookup.getUrl().queryParameter("id_token")).isEqualTo("id-access-token-1");
        assertThat(lookup.getUrl().queryParameter("username")).isEqualTo("79001_BV");
        assertThat(lookup.getUrl().queryParameter("password")).isEqualTo(Md5.hex("sim-password"));
        assertThat(lookup.getBody().utf8()).contains("\"maThe\":\"001085012345\"").contains("\"ngaySinh\":\"12/03/1985\"")
                .contains("\"hoTenCb\":\"Trần Thị Lễ Tân\"").contains("\"cccdCb\":\"079190000001\"");
    }

    @Test
    void theTokenIsReusedUntilItExpiresThenTheProviderLogsInAgain() throws Exception {
        server.enqueue(token("access-token-1", "2026-11-28T08:30:00Z"));
        server.enqueue(answer("000"));
        server.enqueue(answer("000"));
        server.enqueue(token("access-token-2", "2026-11-28T09:30:00Z"));
        server.enqueue(answer("000"));
        EligibilityProvider p = gateway();

        p.check(QUERY);
        clock.advance(Duration.ofMinutes(10));
        p.check(QUERY);
        clock.advance(Duration.ofMinutes(20));
        p.check(QUERY);

        assertThat(server.getRequestCount()).isEqualTo(5);
        server.takeRequest();
        server.takeRequest();
        server.takeRequest();
        assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/api/token/take");
        assertThat(server.takeRequest().getUrl().queryParameter("token")).isEqualTo("access-token-2");
    }

    @Test
    void aTokenRefusedWith401LeadsToOneReloginAndOneRetry() throws Exception {
        server.enqueue(token("access-token-1", "2026-11-28T09:00:00Z"));
        server.enqueue(json("{\"maKetQua\":\"401\"}"));
        server.enqueue(token("access-token-2", "2026-11-28T09:00:00Z"));
        server.enqueue(answer("000"));

        EligibilityResult r = gateway().check(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Eligible.class);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aSecondRefusalIsAnAuthErrorAfterExactlyTwoLogins() {
        server.enqueue(token("access-token-1", "2026-11-28T09:00:00Z"));
        server.enqueue(new MockResponse.Builder().code(401).body("{}").build());
        server.enqueue(token("access-token-2", "2026-11-28T09:00:00Z"));
        server.enqueue(json("{\"maKetQua\":\"401\"}"));

        EligibilityResult r = gateway().check(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Error.class);
        assertThat(r.reasonCode()).isEqualTo(ReasonCode.AUTH_FAILED);
        assertThat(server.getRequestCount()).isEqualTo(4);
    }

    @Test
    void aRefusedLoginIsAnAuthError() {
        server.enqueue(json("{\"maKetQua\":\"401\",\"APIKey\":null}"));

        EligibilityResult r = gateway().check(QUERY);

        assertThat(r.reasonCode()).isEqualTo(ReasonCode.AUTH_FAILED);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aRenewedCardIsReportedWithTheNewCardsDetailsAndAReducedLevelFromItsCode() {
        server.enqueue(token("access-token-1", "3600"));
        server.enqueue(json("{\"maKetQua\":\"004\"," + CARD_FIELDS + ",\"maTheMoi\":\"GD4011085012345\","
                + "\"gtTheTuMoi\":\"01/06/2026\",\"gtTheDenMoi\":\"31/05/2027\",\"maDKBDMoi\":\"01009\"}"));

        var e = (EligibilityResult.Eligible) gateway().check(QUERY);

        assertThat(e.cardNumber()).isEqualTo("GD4011085012345");
        assertThat(e.benefitLevel()).isEqualTo(80);
        assertThat(e.validTo()).isEqualTo(LocalDate.of(2027, 5, 31));
        assertThat(e.registeredFacility()).isEqualTo("01009");
    }

    @Test
    void aValidCodeWithAGarbledDateIsABadReplyNeverEligible() {
        server.enqueue(token("access-token-1", "3600"));
        server.enqueue(json("{\"maKetQua\":\"000\"," + CARD_FIELDS.replace("31/12/2026", "31/13/2026") + "}"));

        EligibilityResult r = gateway().check(QUERY);

        assertThat(r.reasonCode()).isEqualTo(ReasonCode.BAD_REPLY);
    }

    @Test
    void theGatewayUnreachableIsPending() {
        EligibilityProvider p = gateway();
        server.close();

        EligibilityResult r = p.check(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Pending.class);
        assertThat(((EligibilityResult.Pending) r).cached()).isEqualTo(Optional.empty());
    }
}
