package vn.clinicterm.terminal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.storage.TestVisits.MORNING;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.terminal.storage.internal.PdfSummary;

class ExportsTest {

    @TempDir
    Path dir;

    private final TestVisits.MutableClock clock = new TestVisits.MutableClock(MORNING);
    private static final LocalDate FROM = LocalDate.of(2026, 11, 28);
    private static final LocalDate TO = LocalDate.of(2026, 12, 4);

    @BeforeEach
    void aWeekOfVisits() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            int n = 1;
            for (int day = 0; day < 7; day++) {
                for (int i = 0; i <= day % 4; i++) {
                    CheckIn.Builder in = TestVisits.checkIn(n);
                    if (n % 5 == 0) {
                        in.verification(Indication.FAILED, "HASH_FAILURE", List.of("DG13_HASH_MISMATCH"))
                                .overrideByStaff();
                    }
                    if (n % 6 == 0) {
                        in.cloneCheck(CloneCheck.NONE, false);
                    }
                    log.recordVisit(in.build());
                    n++;
                    clock.advance(Duration.ofMinutes(20));
                }
                clock.set(MORNING.plus(Duration.ofDays(day + 1)));
            }
            log.updateEligibility(1, Eligibility.ELIGIBLE, "{}");
            log.updateEligibility(2, Eligibility.NOT_ELIGIBLE, "{}");
        }
    }

    private ExportManifest export(ExportRequest.Format format, String name, ExportRequest.IdDisplay ids) {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            return Exports.write(log, new ExportRequest(FROM, TO, format, dir.resolve(name), ids, "kiem.toan"));
        }
    }

    private Optional<java.security.PublicKey> terminalKey() {
        try (VisitLog log = TestVisits.open(dir, clock)) {
            return Optional.of(log.signingPublicKey());
        }
    }

    @Test
    void theCsvStartsWithABomKeepsDiacriticsUsesIsoDatesAndMasksIds() throws Exception {
        ExportManifest m = export(ExportRequest.Format.CSV, "visits.csv", ExportRequest.IdDisplay.MASKED);

        byte[] bytes = Files.readAllBytes(dir.resolve("visits.csv"));
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).startsWith("visit_id,time,terminal_id,staff_user,id_number,full_name,");
        assertThat(lines).hasSize(1 + (int) m.rows());
        assertThat(lines.get(1)).startsWith("1,2026-11-28T09:00:00+07:00,quay-1,le.tan,0010••••2345,Nguyễn Văn An,1985-");
        assertThat(text).doesNotContain("001085012345");
        assertThat(m.rows()).isEqualTo(16);
        assertThat(m.fullIds()).isFalse();
    }

    @Test
    void fullIdsAppearOnlyWhenAskedAndTheChoiceIsInTheAuditChain() throws Exception {
        ExportManifest m = export(ExportRequest.Format.CSV, "full.csv", ExportRequest.IdDisplay.FULL);

        assertThat(Files.readString(dir.resolve("full.csv"))).contains("001085012345");
        try (VisitLog log = TestVisits.open(dir, clock)) {
            AuditEntry entry = log.auditEntries(m.chainHead().seq(), 1).getFirst();
            assertThat(entry.type()).isEqualTo(AuditType.EXPORT);
            assertThat(entry.actor()).isEqualTo("kiem.toan");
            assertThat(entry.details()).contains("\"fullIds\":true").contains(m.sha256());
            assertThat(entry.hash()).isEqualTo(m.chainHead().hash());
        }
    }

    @Test
    void anExportVerifiesAndAOneByteEditOfTheFileOrTheManifestDoesNot() throws Exception {
        export(ExportRequest.Format.CSV, "visits.csv", ExportRequest.IdDisplay.MASKED);
        Path csv = dir.resolve("visits.csv");
        Path manifest = dir.resolve("visits.csv.manifest.json");

        assertThat(Exports.verify(csv, terminalKey())).isInstanceOfSatisfying(ExportVerification.Valid.class,
                v -> assertThat(v.signer()).isEqualTo(ExportVerification.Signer.THIS_TERMINAL));

        byte[] original = Files.readAllBytes(csv);
        byte[] edited = original.clone();
        edited[edited.length / 2] ^= 0x01;
        Files.write(csv, edited);
        assertThat(Exports.verify(csv, terminalKey())).isInstanceOfSatisfying(ExportVerification.Invalid.class,
                i -> assertThat(i.reason()).contains("was altered").contains("SHA-256"));
        Files.write(csv, original);

        byte[] manifestBytes = Files.readAllBytes(manifest);
        for (int at : new int[] {10, manifestBytes.length / 3, manifestBytes.length / 2, manifestBytes.length - 5}) {
            byte[] m = manifestBytes.clone();
            m[at] = (byte) (m[at] == '1' ? '2' : m[at] ^ 0x01);
            Files.write(manifest, m);
            assertThat(Exports.verify(csv, terminalKey())).as("edit at byte %d", at)
                    .isInstanceOf(ExportVerification.Invalid.class);
        }
        Files.write(manifest, manifestBytes);
        assertThat(Exports.verify(csv, Optional.empty())).isInstanceOf(ExportVerification.Valid.class);
    }

    @Test
    void thePdfSummaryRendersAndReadsBackInVietnamese() throws Exception {
        ExportManifest m = export(ExportRequest.Format.PDF, "summary.pdf", ExportRequest.IdDisplay.MASKED);

        assertThat(m.rows()).isEqualTo(16);
        assertThat(Exports.verify(dir.resolve("summary.pdf"), terminalKey())).isInstanceOf(ExportVerification.Valid.class);
        try (PDDocument pdf = Loader.loadPDF(dir.resolve("summary.pdf").toFile())) {
            assertThat(pdf.getNumberOfPages()).isBetween(1, 2);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("16").contains("HASH_FAILURE").doesNotContain("001085012345");
            if (PdfSummary.unicodeFont().isPresent()) {
                assertThat(text).contains("Báo cáo lượt khám").contains("Số lượt khám theo ngày");
            } else {
                assertThat(text).contains("Bao cao luot kham");
            }
        }
    }

    @Test
    void withoutAUnicodeFontThePdfFallsBackToAsciiAndStillRenders() throws Exception {
        String before = System.getProperty("clinicterm.pdf.font");
        System.setProperty("clinicterm.pdf.font", "/nonexistent.ttf");
        try {
            assertThat(PdfSummary.class).isNotNull();
            String folded = (String) invokeAscii("Nguyễn Văn Đức · lượt khám");
            assertThat(folded).isEqualTo("Nguyen Van Duc - luot kham");
        } finally {
            if (before == null) {
                System.clearProperty("clinicterm.pdf.font");
            } else {
                System.setProperty("clinicterm.pdf.font", before);
            }
        }
    }

    private static Object invokeAscii(String s) throws Exception {
        var m = PdfSummary.class.getDeclaredMethod("ascii", String.class);
        m.setAccessible(true);
        return m.invoke(null, s);
    }
}
