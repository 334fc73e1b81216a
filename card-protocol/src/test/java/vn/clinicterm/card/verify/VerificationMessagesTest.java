package vn.clinicterm.card.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.card.verify.VerifyFixtures.MARCH_2026;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.verify.internal.Messages;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SimCitizen;

/** The message bundles: complete in both languages, Vietnamese first, and free of personal data in use. */
class VerificationMessagesTest {

    private static final Pattern KEY_LITERAL = Pattern.compile(
            "\"((?:check|sod|dg|pki|crypto|chip|lds|mrz|document|simple|detail)\\.[A-Za-z0-9.]+[A-Za-z0-9])\"");

    @TempDir
    Path temp;

    private static Set<String> keys(Locale locale) {
        ResourceBundle bundle = Messages.bundle(locale);
        return new TreeSet<>(bundle.keySet());
    }

    private static Set<String> ownKeys(String resource) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = VerificationMessagesTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return new TreeSet<>(p.stringPropertyNames());
    }

    @Test
    void vietnameseAndEnglishHaveExactlyTheSameKeys() throws IOException {
        assertThat(ownKeys("messages.properties")).isEqualTo(ownKeys("messages_en.properties"));
    }

    @Test
    void everyMessageKeyTheVerifierCodeNamesExistsInBothLanguages() throws IOException {
        Path sources = Path.of("src/main/java/vn/clinicterm/card/verify");
        assertThat(sources).as("run from the card-protocol module directory").isDirectory();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_LITERAL.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        for (Indication i : Indication.values()) {
            used.add("simple.headline." + i.name().toLowerCase(Locale.ROOT));
        }
        used.add("simple.passed.warnings");
        used.add("simple.passed.cloneCheckMissing.warnings");
        used.removeIf(k -> CheckId.fromId(k).isPresent()); // check ids, not message keys
        assertThat(used).hasSizeGreaterThan(60);
        assertThat(ownKeys("messages.properties")).containsAll(used);
        assertThat(ownKeys("messages_en.properties")).containsAll(used);
    }

    @Test
    void everyKeyTheCatalogueProducesExistsInBothLanguages() {
        TrustStore store = VerifyFixtures.simStore(temp, MARCH_2026);
        Set<String> produced = new HashSet<>();
        for (FaultProfile profile : FaultProfile.values()) {
            VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026)
                    .verify(VerifyFixtures.evidence(VerifyFixtures.card(1, profile)));
            report.checks().forEach(c -> produced.add(c.messageKey()));
        }
        assertThat(keys(Locale.ROOT)).containsAll(produced);
        assertThat(keys(Locale.ENGLISH)).containsAll(produced);
    }

    @Test
    void vietnameseIsTheDefaultWhateverTheJvmLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.US);
            assertThat(Messages.format(SimpleReport.VIETNAMESE, "simple.headline.failed"))
                    .isEqualTo("Giả mạo hoặc bị sửa đổi");
            assertThat(Messages.format(Locale.of("fr"), "simple.headline.passed")).isEqualTo("Đã xác thực");
            assertThat(Messages.format(Locale.ENGLISH, "simple.headline.passed")).isEqualTo("Verified");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void theSimpleReportSaysWhyInOneSentenceWithoutPersonalData() {
        TrustStore store = VerifyFixtures.simStore(temp, MARCH_2026);
        CardImage image = VerifyFixtures.card(1, FaultProfile.TAMPERED_DG);
        ChipEvidence evidence = VerifyFixtures.evidence(image);

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026).verify(evidence);
        SimpleReport vi = report.simpleReport(SimpleReport.VIETNAMESE);
        SimpleReport en = report.simpleReport(Locale.ENGLISH);

        assertThat(vi.headline()).isEqualTo("Giả mạo hoặc bị sửa đổi");
        assertThat(vi.reason()).startsWith("Dữ liệu trên chip (DG1, DG13) khác với dữ liệu cơ quan cấp đã ký");
        assertThat(en.text()).isEqualTo("Forged or altered: Data on the chip (DG1, DG13) differs from what the "
                + "issuing state signed: it was altered.");
        SimCitizen citizen = image.citizen();
        String detail = report.detailedReport(Locale.ENGLISH).text() + report.detailedReport(SimpleReport.VIETNAMESE)
                + vi.text() + en.text() + report;
        assertThat(detail).doesNotContain(citizen.idNumber(), citizen.documentNumber(), citizen.can(),
                citizen.mrzDateOfBirth());
        for (String word : citizen.fullName().split(" ")) {
            if (word.length() > 3) {
                assertThat(detail).doesNotContainIgnoringCase(word);
            }
        }
    }

    @Test
    void aPassedReportSaysTheChipProvedItIsNoClone() {
        TrustStore store = VerifyFixtures.simStore(temp, MARCH_2026);

        VerificationReport report = VerifyFixtures.verifier(store, MARCH_2026)
                .verify(VerifyFixtures.evidence(VerifyFixtures.card(1)));

        assertThat(report.simpleReport(Locale.ENGLISH).text()).startsWith("Verified: The chip is genuine");
        assertThat(report.simpleReport(SimpleReport.VIETNAMESE).text()).startsWith("Đã xác thực: Chip là thật");
    }
}
