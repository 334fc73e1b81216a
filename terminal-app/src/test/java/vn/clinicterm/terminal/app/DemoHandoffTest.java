package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.clinicterm.terminal.app.ReceptionState.CheckInStatus;
import vn.clinicterm.terminal.app.ReceptionState.Notice;
import vn.clinicterm.terminal.app.ReceptionState.Phase;
import vn.clinicterm.terminal.app.ReceptionState.ReaderStatus;
import vn.clinicterm.terminal.consent.ConsentNotice;
import vn.clinicterm.terminal.storage.AuditEntry;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.VisitRecord;

/**
 * Issue 9's "done when", end to end: the real demo (virtual reader, synthetic card, embedded central-sim, temporary
 * visit log, hand-off server on loopback) and a hospital-system client subscribed to the event stream over real HTTP
 * with the demo's token. Staff act through the view model, as the window does.
 */
class DemoHandoffTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GENUINE_ID = "001085012345";

    private DemoEnvironment demo;
    private ReceptionViewModel vm;
    private final HttpClient http = HttpClient.newHttpClient();
    /** What the HIS received: the event name, then its data line. */
    private final List<String[]> received = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startTheDemoAndSubscribe() throws Exception {
        demo = DemoEnvironment.start(TaskExecutor.background("demo-handoff-test"));
        vm = demo.viewModel();
        vm.start();
        await(s -> s.readerStatus() == ReaderStatus.EMPTY);

        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(
                        URI.create(demo.handoffUrl() + "/v1/events"))
                .header("Authorization", "Bearer " + demo.handoffToken()).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread.ofVirtual().start(() -> {
            String[] event = {null};
            try {
                stream.body().forEach(line -> {
                    if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("event:")) {
                        event[0] = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        received.add(new String[] {event[0], line.substring(5).strip()});
                    }
                });
            } catch (java.io.UncheckedIOException closed) {
                // the demo stopped the server
            }
        });
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (comments.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10); // subscribed once the greeting arrived
        }
        assertThat(comments).isNotEmpty();
    }

    @AfterEach
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void aCardReadInTheDemoReachesTheHisSubscribedToTheEventStreamWithConsentRecorded() throws Exception {
        vm.confirmConsent();
        demo.insert(DemoCard.GENUINE);
        await(s -> s.phase() == Phase.DONE && s.eligibility().isPresent());
        vm.checkIn();
        long visitId = await(s -> s.checkIn() == CheckInStatus.RECORDED).visitId();

        awaitEvents(4);
        assertThat(received).extracting(e -> e[0])
                .containsExactly("card-read", "verified", "checked-in", "eligibility-known");
        JsonNode cardRead = data(0);
        assertThat(cardRead.get("idNumber").asText()).isEqualTo(GENUINE_ID);
        assertThat(cardRead.get("fullName").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(cardRead.get("dateOfBirth").asText()).isEqualTo("1985-03-12");
        assertThat(cardRead.get("gender").asText()).isEqualTo("Nam");
        assertThat(data(1).get("indication").asText()).isEqualTo("PASSED");
        assertThat(data(2).get("visitId").asLong()).isEqualTo(visitId);
        assertThat(data(3).get("visitId").asLong()).isEqualTo(visitId);
        assertThat(data(3).get("eligibility").asText()).isEqualTo("ELIGIBLE");

        VisitRecord visit = demo.visitLog().visit(visitId).orElseThrow();
        assertThat(visit.idNumber()).isEqualTo(GENUINE_ID);
        assertThat(visit.consent()).get().satisfies(c -> {
            assertThat(c.staff()).isEqualTo(DemoEnvironment.STAFF_USER);
            assertThat(c.purpose()).isEqualTo(ConsentNotice.PURPOSE);
            assertThat(c.noticeVersion()).isEqualTo(ConsentNotice.version());
        });

        HttpResponse<String> patient = get("/v1/fhir/Patient/" + visitId, demo.handoffToken());
        assertThat(patient.statusCode()).isEqualTo(200);
        assertThat(patient.headers().firstValue("Content-Type")).get().asString().startsWith("application/fhir+json");
        JsonNode fhir = JSON.readTree(patient.body());
        assertThat(fhir.get("resourceType").asText()).isEqualTo("Patient");
        assertThat(fhir.get("identifier").get(0).get("value").asText()).isEqualTo(GENUINE_ID);
        assertThat(get("/v1/patients/current", demo.handoffToken()).body()).contains("\"consent\"");
        assertThat(get("/v1/fhir/Patient/" + visitId, "ctk_not-a-token").statusCode()).isEqualTo(401);

        // the HIS supplies its visit code, patient code and first billed service: the XML0 check-in record goes
        // through the outbox to the demo's gateway (central-sim), whose transaction code is stored with the visit
        HttpResponse<String> his = http.send(HttpRequest.newBuilder(
                        URI.create(demo.handoffUrl() + "/v1/visits/" + visitId + "/his"))
                .header("Authorization", "Bearer " + demo.handoffToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"maLk\":\"LK2026112800001\",\"maBn\":\"BN000123\","
                        + "\"maDichVu\":\"02.1896\",\"tenDichVu\":\"Khám Nội\",\"ngayYl\":\""
                        + java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusMinutes(5)
                                .withNano(0) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(his.statusCode()).as(his.body()).isEqualTo(200);
        long deadline = System.nanoTime() + WAIT.toNanos();
        vn.clinicterm.terminal.storage.CheckInStatus status = demo.visitLog().checkInStatus(visitId).orElseThrow();
        while (status.state() != vn.clinicterm.terminal.storage.CheckInStatus.State.SENT
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = demo.visitLog().checkInStatus(visitId).orElseThrow();
        }
        assertThat(status.state()).as(status.toString()).isEqualTo(vn.clinicterm.terminal.storage.CheckInStatus.State.SENT);
        assertThat(status.maGiaoDich()).get().asString().isNotBlank();
    }

    @Test
    void withoutConsentTheDemoReadsNothingStoresNothingAndAuditsTheRefusal() throws Exception {
        demo.insert(DemoCard.GENUINE);

        ReceptionState refused = await(s -> s.phase() == Phase.NEED_CONSENT);
        assertThat(refused.notice()).map(Notice::kind).contains(Notice.Kind.CONSENT_NEEDED);
        assertThat(refused.patient()).isEmpty();
        assertThat(refused.lastStep()).isEmpty();
        vm.checkIn(); // nothing to check in: ignored
        Thread.sleep(300);

        assertThat(received).as("the HIS heard nothing").isEmpty();
        assertThat(demo.visitLog().latestVisit()).isEmpty();
        assertThat(demo.visitLog().auditEntries(0, 1000)).filteredOn(e -> e.type() == AuditType.CONSENT_REFUSED)
                .singleElement().extracting(AuditEntry::details).asString()
                .contains("consent.refused").doesNotContain(GENUINE_ID);
        assertThat(demo.visitLog().auditEntries(0, 1000)).extracting(AuditEntry::type)
                .doesNotContain(AuditType.VISIT);
    }

    @Test
    void theTokenIsInAFileOnlyItsOwnerCanRead() throws Exception {
        assertThat(demo.handoffTokenFile()).startsWith(demo.home());
        assertThat(Files.readString(demo.handoffTokenFile()).strip()).isEqualTo(demo.handoffToken());
        if (demo.handoffTokenFile().getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(demo.handoffTokenFile())))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    demo.handoffTokenFile().getParent()))).isEqualTo("rwx------");
        }
        assertThat(demo.handoffUrl()).startsWith("http://127.0.0.1:");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private JsonNode data(int i) throws IOException {
        return JSON.readTree(received.get(i)[1]);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(demo.handoffUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitEvents(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (received.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private ReceptionState await(Predicate<ReceptionState> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ReceptionState s = vm.state();
            if (condition.test(s)) {
                return s;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("timed out; last state " + vm.state());
    }
}
