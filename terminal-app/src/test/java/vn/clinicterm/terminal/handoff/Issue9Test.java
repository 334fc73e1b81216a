package vn.clinicterm.terminal.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.centralsim.CentralSim;
import vn.clinicterm.centralsim.SimCheckInReceiver;
import vn.clinicterm.sync.Xml0Format;
import vn.clinicterm.terminal.checkin.CheckInSender;
import vn.clinicterm.terminal.checkin.CheckInSettings;
import vn.clinicterm.terminal.checkin.GatewayCheckIn;
import vn.clinicterm.terminal.checkin.HisVisitData;
import vn.clinicterm.terminal.checkin.Xml0Builder;
import vn.clinicterm.terminal.checkin.Xml0Record;
import vn.clinicterm.terminal.consent.ConsentNotice;
import vn.clinicterm.terminal.consent.ConsentPolicy;
import vn.clinicterm.terminal.reception.CheckInOutcome;
import vn.clinicterm.terminal.reception.Reception;
import vn.clinicterm.terminal.storage.AuditEntry;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.CheckIn;
import vn.clinicterm.terminal.storage.CheckInStatus;
import vn.clinicterm.terminal.storage.CloneCheck;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.PasswordHashing;
import vn.clinicterm.terminal.storage.RecordOutcome;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitRecord;

/** Issue 9: consent, the hand-off API, the FHIR view and the XML0 check-in record. Synthetic people only. */
public class Issue9Test {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String ID = "001085012345";
    static final String NAME = "Nguyễn Văn An";

    @TempDir
    Path dir;
    VisitLog log;
    Reception reception;
    HandoffServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void open() {
        log = VisitLog.builder().database(dir.resolve("clinicterm.db")).keyFile(dir.resolve("keys/visit-log.keys"))
                .clock(Clock.systemUTC()).zone(HANOI).terminalId("quay-1").facilityCode("79001")
                .passwordHashing(PasswordHashing.FOR_TESTS).open();
        reception = Reception.builder().visitLog(log).build();
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
        log.close();
    }

    static CheckIn.Builder checkIn(String id, boolean consent) {
        CheckIn.Builder b = CheckIn.builder().terminalId("quay-1").staffUser("le.tan").idNumber(id).fullName(NAME)
                .dateOfBirth(LocalDate.of(1985, 3, 12)).gender("Nam").residence("Phường Bến Nghé, TP. Hồ Chí Minh")
                .verification(Indication.PASSED, "", List.of()).accessMethod(AccessMethod.PACE)
                .cloneCheck(CloneCheck.CA, true);
        if (consent) {
            b.consent(ConsentNotice.agreed("le.tan", Instant.now()));
        }
        return b;
    }

    long recordVisit(String id) {
        CheckInOutcome o = reception.checkIn(checkIn(id, true).build());
        assertThat(o).isInstanceOf(CheckInOutcome.Stored.class);
        return ((RecordOutcome.Recorded) ((CheckInOutcome.Stored) o).outcome()).visitId();
    }

    void eligible(long visitId) {
        log.updateEligibility(visitId, Eligibility.ELIGIBLE, "{\"outcome\":\"ELIGIBLE\",\"reasonCode\":\"OK\","
                + "\"cardNumber\":\"DN4797912345678\",\"validFrom\":\"2026-01-01\",\"validTo\":\"2026-12-31\","
                + "\"registeredFacility\":\"79001\",\"benefitLevel\":80}");
    }

    // ------------------------------------------------------------------------------------------ consent

    @Test
    void aPrivateFacilityRefusesACheckInWithoutConsentAndAuditsTheRefusal() {
        CheckInOutcome o = reception.checkIn(checkIn(ID, false).build());

        assertThat(o).isEqualTo(new CheckInOutcome.ConsentRefused("consent.refused"));
        assertThat(log.latestVisit()).isEmpty();
        assertThat(log.auditEntries(0, 100)).extracting(AuditEntry::type).contains(AuditType.CONSENT_REFUSED);
    }

    @Test
    void aPublicFacilityPolicyLetsAReadGoAheadWithoutConsent() {
        Reception pub = Reception.builder().visitLog(log).consentPolicy(ConsentPolicy.publicFacility()).build();
        assertThat(pub.checkIn(checkIn(ID, false).build())).isInstanceOf(CheckInOutcome.Stored.class);
    }

    @Test
    void aStaleConsentIsRefused() {
        CheckIn old = checkIn(ID, false).consent(ConsentNotice.agreed("le.tan",
                Instant.now().minus(Duration.ofHours(2)))).build();
        assertThat(reception.checkIn(old)).isEqualTo(new CheckInOutcome.ConsentRefused("consent.expired"));
    }

    @Test
    void theConsentIsStoredWithTheVisitAndInTheAuditChain() {
        long id = recordVisit(ID);
        VisitRecord v = log.visit(id).orElseThrow();
        assertThat(v.consent()).get().satisfies(c -> {
            assertThat(c.purpose()).isEqualTo(ConsentNotice.PURPOSE);
            assertThat(c.noticeVersion()).isEqualTo(ConsentNotice.version());
            assertThat(c.staff()).isEqualTo("le.tan");
        });
        assertThat(log.auditEntries(0, 100)).filteredOn(e -> e.type() == AuditType.VISIT).singleElement()
                .satisfies(e -> assertThat(e.details()).contains("consentPurpose").contains("consentStaff"));
    }

    @Test
    void theNoticeIsVietnameseByDefaultAndEnglishOnRequest() {
        assertThat(ConsentNotice.text(java.util.Locale.of("vi"))).contains("đồng ý");
        assertThat(ConsentNotice.text(java.util.Locale.ENGLISH)).contains("Do you agree");
    }

    @Test
    void withdrawalPurgesThePatientLeavesNoPlaintextAndIsAudited() throws Exception {
        long a = recordVisit(ID);
        log.saveHisData(a, "{\"maLk\":\"LK1\",\"maBn\":\"BN1\",\"ngayYl\":\"2026-11-28T09:05\"}");
        long other = recordVisit("079190000002");

        var result = log.withdrawConsent(ID, "admin");

        assertThat(result.visitIdsDeleted()).containsExactly(a);
        assertThat(log.visit(a)).isEmpty();
        assertThat(log.visit(other)).isPresent();
        AuditEntry entry = log.auditEntries(0, 1000).stream().filter(e -> e.type() == AuditType.CONSENT_WITHDRAWN)
                .findFirst().orElseThrow();
        assertThat(entry.details()).contains("\"visitsDeleted\":1").doesNotContain(ID).doesNotContain("Nguyễn");
        assertThat(log.verifyAudit().intact()).isTrue();
        for (Path f : List.of(log.database(), log.database().resolveSibling("clinicterm.db-wal"))) {
            if (Files.exists(f)) {
                String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(raw).doesNotContain(ID).doesNotContain("LK1");
            }
        }
    }

    // ------------------------------------------------------------------------------------------ hand-off

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aHisSubscribedToTheEventStreamReceivesTheStagesOfACheckIn() throws Exception {
        server = HandoffServer.builder().reception(reception).port(0).start();
        String token = log.handoffTokens().create("his-test", "admin");
        List<String> lines = new CopyOnWriteArrayList<>();
        var stream = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/events"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (java.io.IOException ignored) {
                // the server closed
            }
        });
        while (lines.isEmpty()) {
            Thread.sleep(10); // the subscription is registered before the first comment line is written
        }
        CheckIn in = checkIn(ID, true).eligibility(Eligibility.ELIGIBLE).build();
        long visitId = ((RecordOutcome.Recorded) ((CheckInOutcome.Stored) reception.checkIn(in)).outcome()).visitId();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (lines.stream().filter(l -> l.startsWith("event:")).count() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(lines.stream().filter(l -> l.startsWith("event:")).toList())
                .containsExactly("event: card-read", "event: verified", "event: checked-in", "event: eligibility-known");
        assertThat(lines).anyMatch(l -> l.startsWith("data:") && l.contains(ID) && l.contains(NAME));
        assertThat(lines).anyMatch(l -> l.contains("\"visitId\":" + visitId) && l.contains("ELIGIBLE"));
        server.close();
        reader.join(2000);

        assertThat(log.auditEntries(0, 1000)).anyMatch(e -> e.type() == AuditType.HANDOFF_ACCESS
                && e.details().contains("his-test") && e.details().contains("/v1/events"));
    }

    @Test
    void theCurrentPatientCarriesIdentityVerificationAndEligibility() throws Exception {
        server = HandoffServer.builder().reception(reception).port(0).start();
        String token = log.handoffTokens().create("his", "admin");
        long id = recordVisit(ID);
        eligible(id);
        HttpResponse<String> r = get("/v1/patients/current", token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains(ID).contains("\"indication\":\"PASSED\"").contains("DN4797912345678")
                .contains("\"status\":\"ELIGIBLE\"");
    }

    @Test
    void aRevokedUnknownOrMissingTokenGets401() throws Exception {
        server = HandoffServer.builder().reception(reception).port(0).start();
        String token = log.handoffTokens().create("his", "admin");
        assertThat(get("/v1/patients/current", token).statusCode()).isEqualTo(404); // authorised, nobody yet
        assertThat(log.handoffTokens().revoke("his", "admin")).isTrue();

        assertThat(get("/v1/patients/current", token).statusCode()).isEqualTo(401);
        assertThat(get("/v1/patients/current", "ctk_not-a-token").statusCode()).isEqualTo(401);
        assertThat(get("/v1/patients/current", null).statusCode()).isEqualTo(401);
        assertThat(log.handoffTokens().list()).singleElement().satisfies(t -> assertThat(t.live()).isFalse());
        assertThat(log.auditEntries(0, 1000)).filteredOn(e -> e.type() == AuditType.HANDOFF_ACCESS)
                .anyMatch(e -> e.details().contains("401"));
    }

    @Test
    void malformedOversizedAndUnknownRequestsAreRefusedWithShortAnswers() throws Exception {
        server = HandoffServer.builder().reception(reception).port(0).maxBodyBytes(1024).start();
        String token = log.handoffTokens().create("his", "admin");
        long id = recordVisit(ID);

        HttpResponse<String> malformed = post("/v1/visits/" + id + "/his", token, "application/json", "{\"maLk\":");
        HttpResponse<String> oversized = post("/v1/visits/" + id + "/his", token, "application/json",
                "{\"maLk\":\"" + "x".repeat(5000) + "\"}");
        HttpResponse<String> unknownMember = post("/v1/visits/" + id + "/his", token, "application/json",
                "{\"maLk\":\"A\",\"maBn\":\"B\",\"ngayYl\":\"2026-11-28T09:05\",\"evil\":\"1\"}");
        HttpResponse<String> wrongType = post("/v1/visits/" + id + "/his", token, "text/plain", "hello");
        HttpResponse<String> unknownVisit = post("/v1/visits/999/his", token, "application/json",
                "{\"maLk\":\"A\",\"maBn\":\"B\",\"ngayYl\":\"2026-11-28T09:05\"}");

        assertThat(List.of(malformed, oversized, unknownMember, wrongType)).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body().length()).isLessThan(400);
        });
        assertThat(unknownVisit.statusCode()).isEqualTo(404);
        assertThat(get("/v1/fhir/Patient/999", token).statusCode()).isEqualTo(404);
    }

    @Test
    void aNonLoopbackBindIsRefusedUnlessConfigured() throws Exception {
        InetAddress any = InetAddress.getByName("0.0.0.0");
        assertThatThrownBy(() -> HandoffServer.builder().reception(reception).bind(any).port(0).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("loopback");
    }

    @Test
    void thePatientLineFollowsTheConfiguredFieldOrder() {
        long id = recordVisit(ID);
        String line = PatientLine.parse("ID_NUMBER,FULL_NAME,DATE_OF_BIRTH", "|").format(log.visit(id).orElseThrow());
        assertThat(line).isEqualTo(ID + "|" + NAME + "|12/03/1985");
    }

    // ------------------------------------------------------------------------------------------ FHIR

    @Test
    void fhirPatientAndCoverageSerialiseAndParseBackStrictlyWithTheirIdentifiers() throws Exception {
        server = HandoffServer.builder().reception(reception).port(0).start();
        String token = log.handoffTokens().create("his", "admin");
        long id = recordVisit(ID);
        eligible(id);

        HttpResponse<String> p = get("/v1/fhir/Patient/" + id, token);
        HttpResponse<String> c = get("/v1/fhir/Coverage/" + id, token);

        assertThat(p.statusCode()).isEqualTo(200);
        assertThat(p.headers().firstValue("Content-Type")).get().asString().startsWith("application/fhir+json");
        assertThat(FhirView.validate(p.body(), Patient.class)).isEmpty();
        assertThat(FhirView.validate(c.body(), Coverage.class)).isEmpty();
        Patient parsed = FhirView.context().newJsonParser().parseResource(Patient.class, p.body());
        assertThat(parsed.getIdentifierFirstRep().getSystem()).isEqualTo(FhirView.CCCD_SYSTEM)
                .isEqualTo("http://fhir.ehealth.gov.vn/core/sid/national_id");
        assertThat(parsed.getIdentifierFirstRep().getValue()).isEqualTo(ID);
        assertThat(parsed.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("NI");
        assertThat(c.body()).contains("DN4797912345678").contains("Patient/" + id);
        Coverage coverage = FhirView.context().newJsonParser().parseResource(Coverage.class, c.body());
        assertThat(coverage.getIdentifierFirstRep().getSystem())
                .isEqualTo("http://fhir.ehealth.gov.vn/core/sid/insurance_number");
        assertThat(coverage.getIdentifierFirstRep().getType().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0203");
        assertThat(coverage.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("SB");
        assertThat(FhirView.validate("{\"resourceType\":\"Patient\",\"bogus\":1}", Patient.class)).isNotEmpty();
    }

    // ------------------------------------------------------------------------------------------ XML0

    /** A complete, valid XML0 field set for the synthetic patient; the check-in signature tests sign it too. */
    public static Map<String, String> validFields() {
        Map<String, String> f = new HashMap<>();
        f.put("MA_LK", "LK2026112800001");
        f.put("STT", "1");
        f.put("MA_BN", "BN000123");
        f.put("HO_TEN", NAME);
        f.put("SO_CCCD", ID);
        f.put("NGAY_SINH", "198503120000");
        f.put("GIOI_TINH", "1");
        f.put("MA_THE_BHYT", "DN4797912345678");
        f.put("MA_DKBD", "79001");
        f.put("GT_THE_TU", "20260101");
        f.put("GT_THE_DEN", "20261231");
        f.put("MA_DOITUONG_KCB", "1.1");
        f.put("NGAY_VAO", "202611280900");
        f.put("MA_LOAI_KCB", "01");
        f.put("MA_CSKCB", "79001");
        f.put("MA_DICH_VU", "02.1896");
        f.put("NGAY_YL", "202611280905");
        return f;
    }

    static List<String> fieldsBroken(Map<String, String> f) {
        return Xml0Format.check(f).stream().map(Xml0Format.Violation::field).toList();
    }

    @Test
    void eachXml0FieldRuleNamesItsField() {
        assertThat(Xml0Format.check(validFields())).isEmpty();
        record Case(String field, String value) {}
        for (Case c : List.of(new Case("MA_LK", ""), new Case("SO_CCCD", "12345"), new Case("SO_CCCD", "0010850123AB"),
                new Case("NGAY_SINH", "19850312"), new Case("NGAY_SINH", "198502300000"), new Case("GIOI_TINH", "4"),
                new Case("MA_THE_BHYT", "DN47979"), new Case("GT_THE_TU", "2026-01-01"),
                new Case("MA_LOAI_KCB", "1"), new Case("MA_CSKCB", "7900"), new Case("HO_TEN", "x".repeat(256)),
                new Case("NGAY_VAO", ""), new Case("NGAY_YL", "202611280859"))) {
            Map<String, String> f = validFields();
            f.put(c.field(), c.value());
            assertThat(fieldsBroken(f)).as(c.toString()).contains(c.field());
        }
        Map<String, String> noCardTerms = validFields();
        noCardTerms.remove("MA_DKBD");
        assertThat(fieldsBroken(noCardTerms)).containsExactly("MA_DKBD");
        Map<String, String> backwards = validFields();
        backwards.put("GT_THE_DEN", "20251231");
        assertThat(fieldsBroken(backwards)).containsExactly("GT_THE_DEN");
        Map<String, String> noItem = validFields();
        noItem.remove("MA_DICH_VU");
        assertThat(fieldsBroken(noItem)).containsExactly("MA_DICH_VU");
    }

    @Test
    void aReceivedXml0WithADoctypeIsRefusedAsStructure() {
        byte[] evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Xml0Format.parse(evil).violations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).isEqualTo(Xml0Format.Rule.STRUCTURE));
    }

    @Test
    void theXml0OfAVisitRoundTripsThroughTheParserWithTheSameFields() {
        long id = recordVisit(ID);
        eligible(id);
        HisVisitData his = HisVisitData.fromJson("{\"maLk\":\"LK1\",\"maBn\":\"BN1\",\"maDichVu\":\"02.1896\","
                + "\"tenDichVu\":\"Khám Nội\",\"ngayYl\":\"" + LocalDateTime.now(HANOI).plusMinutes(5).withNano(0)
                + "\"}");
        Xml0Record r = Xml0Builder.build(log.visit(id).orElseThrow(), log.eligibilityDetails(id), his,
                CheckInSettings.of(URI.create("http://127.0.0.1:1"), "79", "79001", "x"), HANOI);
        assertThat(r.violations()).isEmpty();
        assertThat(r.fields()).containsEntry("SO_CCCD", ID).containsEntry("GIOI_TINH", "1")
                .containsEntry("MA_THE_BHYT", "DN4797912345678").containsEntry("NGAY_SINH", "198503120000");
        assertThat(Xml0Format.parse(r.xml()).fields()).isEqualTo(r.fields());
    }

    @Test
    void anXml0IsAcceptedByCentralSimAndItsTransactionCodeIsStoredOnTheVisit() throws Exception {
        SimCheckInReceiver receiver = new SimCheckInReceiver(Clock.systemUTC());
        try (CentralSim sim = CentralSim.builder().port(0).checkInReceiver(receiver).start()) {
            CheckInSettings settings = CheckInSettings.of(URI.create(sim.baseUrl()), "79", CentralSim.DEFAULT_FACILITY,
                    CentralSim.DEFAULT_PASSWORD);
            server = HandoffServer.builder().reception(reception).port(0).checkIn(settings).start();
            String token = log.handoffTokens().create("his", "admin");
            long id = recordVisit(ID);
            eligible(id);

            HttpResponse<String> his = post("/v1/visits/" + id + "/his", token, "application/json",
                    "{\"maLk\":\"LK2026112800001\",\"maBn\":\"BN000123\",\"maDichVu\":\"02.1896\","
                            + "\"tenDichVu\":\"Khám Nội\",\"ngayYl\":\""
                            + LocalDateTime.now(HANOI).plusMinutes(5).withNano(0) + "\"}");
            assertThat(his.statusCode()).isEqualTo(200);
            assertThat(his.body()).contains("\"checkIn\":\"QUEUED\"");

            CheckInSender sender = new CheckInSender(log, settings,
                    GatewayCheckIn.plain(settings));
            List<CheckInSender.Result> results = sender.drain("sync");

            assertThat(results).singleElement().isInstanceOf(CheckInSender.Result.Accepted.class);
            CheckInStatus status = log.checkInStatus(id).orElseThrow();
            assertThat(status.state()).isEqualTo(CheckInStatus.State.SENT);
            assertThat(status.maGiaoDich()).contains(receiver.accepted().getFirst().maGiaoDich());
            assertThat(status.thoiGianTiepNhan()).get().asString().hasSize(14);
            assertThat(receiver.accepted().getFirst().fields()).containsEntry("SO_CCCD", ID);
            assertThat(log.auditEntries(0, 1000)).anyMatch(e -> e.type() == AuditType.CHECKIN
                    && e.details().contains(status.maGiaoDich().get()));
        }
    }

    @Test
    void anXml0ThatBreaksARuleIsRefusedLocallyAndNothingIsSent() throws Exception {
        SimCheckInReceiver receiver = new SimCheckInReceiver(Clock.systemUTC());
        try (CentralSim sim = CentralSim.builder().port(0).checkInReceiver(receiver).start()) {
            CheckInSettings settings = CheckInSettings.of(URI.create(sim.baseUrl()), "79", CentralSim.DEFAULT_FACILITY,
                    CentralSim.DEFAULT_PASSWORD);
            long id = recordVisit(ID);
            // no eligibility answer is needed, but the order time precedes the visit: NGAY_YL breaks a rule
            log.saveHisData(id, "{\"maLk\":\"LK1\",\"maBn\":\"BN1\",\"maDichVu\":\"02.1896\","
                    + "\"ngayYl\":\"2020-01-01T08:00\"}");
            CheckInSender sender = new CheckInSender(log, settings,
                    GatewayCheckIn.plain(settings));

            CheckInSender.Result r = sender.send(id, "le.tan");

            assertThat(r).isInstanceOfSatisfying(CheckInSender.Result.RefusedLocally.class,
                    x -> assertThat(x.violations()).contains("NGAY_YL"));
            assertThat(receiver.accepted()).isEmpty();
            assertThat(receiver.refusals()).isEmpty();
            assertThat(log.checkInStatus(id).orElseThrow().state()).isEqualTo(CheckInStatus.State.REFUSED);
        }
    }

    @Test
    void centralSimRefusesAnXml0ThatBreaksARuleNamingTheField() {
        Map<String, String> f = validFields();
        f.put("SO_CCCD", "123");
        byte[] xml = Xml0Format.serialize(Xml0Format.toDocument(f));
        Map<String, Object> answer = new SimCheckInReceiver(Clock.systemUTC()).receive(3176,
                Map.of("maCSKCB", "79001"), xml);
        assertThat(answer).containsEntry("maKetQua", "400");
        assertThat(String.valueOf(answer.get("thongBao"))).contains("SO_CCCD");
    }
}
