package vn.clinicterm.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CentralClientTest {

    static final String ELIGIBLE = """
            {"outcome":"ELIGIBLE","reasonCode":"VALID","card":{"number":"DN2011085012345","validFrom":"2026-01-01",
             "validTo":"2026-12-31","registeredFacility":"01002","benefitLevel":100,"fiveYearContinuousFrom":"2021-01-01"}}
            """;
    static final EligibilityQuery QUERY = EligibilityQuery.of("001085012345", "Nguyễn Văn An", LocalDate.of(1985, 3, 12));
    static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    MockWebServer server;
    MutableClock clock = new MutableClock(NOW);
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

    SyncConfig.Builder config() {
        String url = server.url("/").toString();
        return SyncConfig.builder().baseUrl(url).facilityCode("79001")
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2))
                .writeTimeout(Duration.ofSeconds(2)).callTimeout(Duration.ofSeconds(3));
    }

    CentralClient central(SyncConfig.Builder b) {
        clients = SyncClients.builder(b.build()).clock(clock).build();
        return clients.central().orElseThrow();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static OutboxEntry visit(long seq, String patient) {
        return new OutboxEntry(seq, UUID.randomUUID(), OutboxEntry.Kind.VISIT, patient, "visit-" + seq,
                OutboxPayloads.visit("visit-" + seq, NOW, "79001"), 0);
    }

    static String accepted(List<OutboxEntry> entries) {
        StringBuilder sb = new StringBuilder("{\"results\":[");
        for (int i = 0; i < entries.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"idempotencyKey\":\"").append(entries.get(i).idempotencyKey())
                    .append("\",\"status\":\"ACCEPTED\"}");
        }
        return sb.append("]}").toString();
    }

    @Test
    void eligibleAnswerIsParsedAndTheQueryIsSentAsJson() throws Exception {
        server.enqueue(json(200, ELIGIBLE));

        EligibilityResult r = central(config()).checkEligibility(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Eligible.class);
        var e = (EligibilityResult.Eligible) r;
        assertThat(e.cardNumber()).isEqualTo("DN2011085012345");
        assertThat(e.validTo()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(e.fiveYearContinuousFrom()).contains(LocalDate.of(2021, 1, 1));
        RecordedRequest req = server.takeRequest();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/v1/eligibility");
        assertThat(req.getBody().utf8()).contains("\"idNumber\":\"001085012345\"").contains("\"dateOfBirth\":\"1985-03-12\"");
    }

    @Test
    void aResentBatchCarriesTheSameIdempotencyKeysAsTheFirstAttempt() throws Exception {
        List<OutboxEntry> batch = List.of(visit(1, "a"), visit(2, "b"));
        server.enqueue(json(503, "{\"error\":\"UNAVAILABLE\"}"));
        server.enqueue(json(200, accepted(batch)));
        CentralClient c = central(config());

        Map<UUID, SyncOutcome> first = c.uploadVisits(batch);
        Map<UUID, SyncOutcome> second = c.uploadVisits(batch);

        assertThat(first.values()).allMatch(o -> o instanceof SyncOutcome.RetryLater);
        assertThat(second.values()).allMatch(o -> o instanceof SyncOutcome.Delivered);
        RecordedRequest r1 = server.takeRequest();
        RecordedRequest r2 = server.takeRequest();
        assertThat(r1.getHeaders().get("Idempotency-Key")).isNotNull()
                .isEqualTo(r2.getHeaders().get("Idempotency-Key"));
        assertThat(r1.getBody().utf8()).isEqualTo(r2.getBody().utf8())
                .contains(batch.get(0).idempotencyKey().toString()).contains(batch.get(1).idempotencyKey().toString());
    }

    @Test
    void aWriteIsNotRetriedByTheHttpLayerWhenTheConnectionDropsAfterTheServerReadIt() throws Exception {
        List<OutboxEntry> batch = List.of(visit(1, "a"));
        server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
        server.enqueue(json(200, accepted(batch)));

        Map<UUID, SyncOutcome> out = central(config()).uploadVisits(batch);

        assertThat(out.get(batch.get(0).idempotencyKey())).isInstanceOf(SyncOutcome.RetryLater.class);
        assertThat(((SyncOutcome.RetryLater) out.get(batch.get(0).idempotencyKey())).error().kind())
                .isEqualTo(SyncError.Kind.CONNECTION);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void aSlowHeaderIsCutByTheReadTimeoutAndBecomesPending() {
        server.enqueue(json(200, ELIGIBLE).newBuilder().headersDelay(3, TimeUnit.SECONDS).build());
        long t0 = System.nanoTime();

        EligibilityResult r = central(config().readTimeout(Duration.ofMillis(300))).checkEligibility(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Pending.class);
        assertThat(((EligibilityResult.Pending) r).reason()).startsWith("TIMEOUT");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aSlowlyDrippingBodyIsCutByTheCallTimeout() {
        server.enqueue(json(200, "{\"outcome\":\"UNKNOWN_PERSON\",\"reasonCode\":\"NOT_FOUND\"}").newBuilder()
                .throttleBody(1, 40, TimeUnit.MILLISECONDS).build());
        long t0 = System.nanoTime();

        EligibilityResult r = central(config().readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofMillis(600)))
                .checkEligibility(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Pending.class);
        assertThat(((EligibilityResult.Pending) r).reason()).startsWith("TIMEOUT");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterInSecondsIsReportedWith429() {
        server.enqueue(json(429, "{}").newBuilder().addHeader("Retry-After", "7").build());

        SyncOutcome o = central(config()).uploadVisits(List.of(visit(1, "a"))).values().iterator().next();

        assertThat(o).isInstanceOf(SyncOutcome.RetryLater.class);
        assertThat(((SyncOutcome.RetryLater) o).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    void retryAfterAsAnHttpDateIsMeasuredFromTheInjectedClock() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(30), ZoneOffset.UTC));
        server.enqueue(json(503, "{}").newBuilder().addHeader("Retry-After", date).build());

        EligibilityResult r = central(config()).checkEligibility(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Pending.class);
        assertThat(((EligibilityResult.Pending) r).retryAfter()).contains(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 405, 410, 413, 415, 422})
    void clientErrorsOtherThan408And409And429GoToTheDeadLetterList(int status) {
        server.enqueue(json(status, "{\"error\":\"NOPE\"}"));

        SyncOutcome o = central(config()).uploadVisits(List.of(visit(1, "a"))).values().iterator().next();

        assertThat(o).isInstanceOf(SyncOutcome.Rejected.class);
        assertThat(((SyncOutcome.Rejected) o).error().httpStatus()).isEqualTo(status);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
    void busyAnswersAreRetried(int status) {
        server.enqueue(json(status, "{}"));

        SyncOutcome o = central(config()).uploadVisits(List.of(visit(1, "a"))).values().iterator().next();

        assertThat(o).isInstanceOf(SyncOutcome.RetryLater.class);
    }

    @Test
    void aHugeBodyIsRefusedWithoutBufferingIt() {
        Buffer big = new Buffer();
        big.writeUtf8("{\"outcome\":\"ELIGIBLE\",\"pad\":\"");
        for (int i = 0; i < 2 * 1024; i++) {
            big.writeUtf8("x".repeat(1024));
        }
        big.writeUtf8("\"}");
        server.enqueue(new MockResponse.Builder().code(200).body(big).build());

        EligibilityResult r = central(config()).checkEligibility(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Error.class);
        assertThat(r.reasonCode()).isEqualTo(ReasonCode.BAD_REPLY);
        assertThat(((EligibilityResult.Error) r).reason()).contains("BODY_TOO_LARGE");
    }

    @Test
    void aHugeChunkedBodyWithoutLengthIsAlsoRefused() {
        server.enqueue(new MockResponse.Builder().code(200).chunkedBody("y".repeat(1_200_000), 64 * 1024).build());

        EligibilityResult r = central(config()).checkEligibility(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Error.class);
        assertThat(((EligibilityResult.Error) r).reason()).contains("BODY_TOO_LARGE");
    }

    @Test
    void wrongJsonTypesBecomeABadReplyError() {
        server.enqueue(json(200, ELIGIBLE.replace("\"benefitLevel\":100", "\"benefitLevel\":\"100\"")));

        EligibilityResult r = central(config()).checkEligibility(QUERY);

        assertThat(r).isEqualTo(new EligibilityResult.Error(ReasonCode.BAD_REPLY,
                "eligibility reply: field benefitLevel is not an integer"));
    }

    @Test
    void anUnknownReasonCodeBecomesAnUnknownCodeErrorNeverEligible() {
        server.enqueue(json(200, ELIGIBLE.replace("\"VALID\"", "\"SHINY_NEW_CODE\"")));

        EligibilityResult r = central(config()).checkEligibility(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Error.class);
        assertThat(r.reasonCode()).isEqualTo(ReasonCode.UNKNOWN_CODE);
    }

    @Test
    void malformedJsonIsAnErrorForALookupButARetryForAWrite() {
        server.enqueue(json(200, "{\"outcome\": ELIG"));
        server.enqueue(json(200, "{\"results\": [ {"));
        CentralClient c = central(config());

        assertThat(c.checkEligibility(QUERY)).isInstanceOf(EligibilityResult.Error.class);
        assertThat(c.uploadVisits(List.of(visit(1, "a"))).values().iterator().next())
                .isInstanceOf(SyncOutcome.RetryLater.class);
    }

    @Test
    void aBatchReplyThatOmitsAnEntryLeavesThatEntryForRetry() {
        List<OutboxEntry> batch = List.of(visit(1, "a"), visit(2, "b"));
        server.enqueue(json(200, accepted(batch.subList(0, 1))));

        Map<UUID, SyncOutcome> out = central(config()).uploadVisits(batch);

        assertThat(out.get(batch.get(0).idempotencyKey())).isInstanceOf(SyncOutcome.Delivered.class);
        assertThat(out.get(batch.get(1).idempotencyKey())).isInstanceOf(SyncOutcome.RetryLater.class);
    }

    @Test
    void aBearerTokenIsRefreshedOnceOn401AndTheCallRetried() throws Exception {
        List<String> refreshed = new ArrayList<>();
        TokenSource tokens = new TokenSource() {
            volatile String token = "old-token-1";

            @Override
            public Optional<String> current() {
                return Optional.of(token);
            }

            @Override
            public Optional<String> refresh(String refused) {
                refreshed.add(refused);
                token = "new-token-2";
                return Optional.of(token);
            }
        };
        server.enqueue(json(401, "{\"error\":\"UNAUTHORIZED\"}"));
        server.enqueue(json(200, ELIGIBLE));
        clients = SyncClients.builder(config().build()).clock(clock).tokenSource(tokens).build();

        EligibilityResult r = clients.eligibility().check(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Eligible.class);
        assertThat(refreshed).containsExactly("old-token-1");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer old-token-1");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer new-token-2");
    }

    @Test
    void aSecond401AfterRefreshIsAnAuthErrorNotALoop() {
        TokenSource tokens = new TokenSource() {
            int n;

            @Override
            public Optional<String> current() {
                return Optional.of("token-" + n);
            }

            @Override
            public synchronized Optional<String> refresh(String refused) {
                return Optional.of("token-" + ++n);
            }
        };
        for (int i = 0; i < 5; i++) {
            server.enqueue(json(401, "{}"));
        }
        clients = SyncClients.builder(config().build()).clock(clock).tokenSource(tokens).build();

        EligibilityResult r = clients.eligibility().check(QUERY);

        assertThat(r.reasonCode()).isEqualTo(ReasonCode.AUTH_FAILED);
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void clientCredentialsAreExchangedForATokenAtTheTokenEndpoint() throws Exception {
        server.enqueue(json(200, "{\"access_token\":\"abcdefgh12345\",\"token_type\":\"Bearer\",\"expires_in\":600}"));
        server.enqueue(json(200, ELIGIBLE));

        EligibilityResult r = central(config().username("clinic-79001").password("s3cret")).checkEligibility(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Eligible.class);
        RecordedRequest token = server.takeRequest();
        assertThat(token.getUrl().encodedPath()).isEqualTo("/v1/auth/token");
        assertThat(token.getBody().utf8()).contains("\"clientId\":\"clinic-79001\"");
        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer abcdefgh12345");
    }

    @Test
    void trustMaterialIsDownloadedAsAnOpaqueBlob() throws Exception {
        server.enqueue(json(200, "{\"version\":\"7\",\"issuedAt\":\"2026-01-01T00:00:00Z\",\"signedBlob\":\"AQID\"}"));
        server.enqueue(new MockResponse.Builder().code(204).build());
        CentralClient c = central(config());

        var first = c.fetchTrustMaterial(Optional.empty());
        var second = c.fetchTrustMaterial(Optional.of("7"));

        assertThat(first).isInstanceOf(CentralClient.TrustMaterialResult.Updated.class);
        assertThat(((CentralClient.TrustMaterialResult.Updated) first).material().signedBlob()).containsExactly(1, 2, 3);
        assertThat(second).isInstanceOf(CentralClient.TrustMaterialResult.UpToDate.class);
        server.takeRequest();
        assertThat(server.takeRequest().getUrl().queryParameter("since")).isEqualTo("7");
    }

    @Test
    void anAuditAnchorIsSentWithItsEntrysKey() throws Exception {
        server.enqueue(json(201, "{\"anchorId\":\"x\",\"receivedAt\":\"2026-11-28T08:00:00Z\"}"));
        OutboxEntry anchor = new OutboxEntry(1, UUID.randomUUID(), OutboxEntry.Kind.AUDIT_ANCHOR, "-", "-",
                OutboxPayloads.auditAnchor("chain-1", 42, "ab".repeat(32), NOW), 0);

        SyncOutcome o = central(config()).uploadAuditAnchor(anchor);

        assertThat(o).isEqualTo(new SyncOutcome.Delivered(false));
        assertThat(server.takeRequest().getHeaders().get("Idempotency-Key"))
                .isEqualTo(anchor.idempotencyKey().toString());
    }

    @Test
    void redirectsAreNotFollowed() {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "http://example.com/").build());

        EligibilityResult r = central(config()).checkEligibility(QUERY);

        assertThat(r).isInstanceOf(EligibilityResult.Error.class);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
