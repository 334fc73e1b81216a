package vn.clinicterm.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SimCard;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.VpcdCardClient;

/** {@code clinicterm read} end to end: picocli → reader → real pcscd → vpcd → simulated chip. */
class ReadCommandThroughPcscdTest {

    private static final String READER = "Virtual PCD 00 00";

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void capture() {
        Cli.redirect(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void release() {
        Cli.redirect(System.out, System.err);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private int readWith(SimCard card, String... args) throws Exception {
        try (VpcdCardClient client = VpcdCardClient.builder().port(35963).card(card.chip()).build().start()) {
            assertThat(client.awaitConnected(Duration.ofSeconds(10))).as("card connected to pcscd's vpcd").isTrue();
            assertThat(TerminalFactory.getDefault().terminals().getTerminal(READER).waitForCardPresent(10_000))
                    .as("card present in " + READER + " (is pcscd running?)").isTrue();
            return Main.run(args);
        } finally {
            // the next test starts with an empty reader, not one pcscd has not yet seen emptied
            TerminalFactory.getDefault().terminals().getTerminal(READER).waitForCardAbsent(5_000);
        }
    }

    @Test
    void readPrintsTheSimCitizensIdentityAsJson() throws Exception {
        SimCard card = SimCard.builder().citizen(1).build();
        SimCitizen who = card.citizen();
        Path evidence = temp.resolve("card.evidence");
        Path photo = temp.resolve("face.jpg");

        Path store = temp.resolve("trust");
        Path pki = temp.resolve("pki");
        vn.clinicterm.cardsim.TestPki.standard().exportTo(pki);
        vn.clinicterm.card.trust.TrustStore.open(store, java.time.Clock.systemUTC()).importFile(pki);

        int code = readWith(card, "read", "--reader", READER, "--id", who.idNumber(), "--json",
                "--evidence", evidence.toString(), "--photo", photo.toString(), "--store", store.toString());

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out()).contains("\"idNumber\":\"" + who.idNumber() + "\"")
                .contains("\"fullName\":\"" + who.fullName() + "\"")
                .contains("\"dateOfBirth\":\"" + who.dateOfBirth() + "\"")
                .contains("\"documentNumber\":\"" + who.documentNumber() + "\"")
                .contains("\"access\":\"PACE\"")
                .contains("\"chipAuthentication\":\"CA\"")
                .contains("\"apdus\":")
                .contains("\"verification\":{\"indication\":\"PASSED\"");
        try (var in = Files.newInputStream(evidence)) {
            assertThat(ChipEvidence.readFrom(in).dataGroupBytes(1)).isPresent();
        }
        assertThat(Files.readAllBytes(photo)).startsWith(0xFF, 0xD8);
    }

    @Test
    void aTamperedCardReadsButItsVerificationFails() throws Exception {
        SimCard card = SimCard.builder().citizen(4).profile(FaultProfile.TAMPERED_DG).build();
        Path store = temp.resolve("trust");
        Path pki = temp.resolve("pki");
        vn.clinicterm.cardsim.TestPki.standard().exportTo(pki);
        vn.clinicterm.card.trust.TrustStore.open(store, java.time.Clock.systemUTC()).importFile(pki);

        int code = readWith(card, "read", "--reader", READER, "--id", card.citizen().idNumber(), "--json",
                "--store", store.toString());

        assertThat(code).isZero();
        assertThat(out()).contains("\"indication\":\"FAILED\"").contains("HASH_FAILURE");
    }

    @Test
    void realReadsFillTheVisitLogWhoseCsvExportVerifies() throws Exception {
        Path store = temp.resolve("trust");
        Path pki = temp.resolve("pki");
        vn.clinicterm.cardsim.TestPki.standard().exportTo(pki);
        vn.clinicterm.card.trust.TrustStore.open(store, java.time.Clock.systemUTC()).importFile(pki);
        Path db = temp.resolve("data/clinicterm.db");
        Path adminPw = Files.writeString(temp.resolve("admin.pw"), "quản-trị-viên-1\n");
        Path receptionPw = Files.writeString(temp.resolve("reception.pw"), "lễ-tân-2\n");
        Path auditorPw = Files.writeString(temp.resolve("auditor.pw"), "kiểm-toán-3\n");
        assertThat(Main.run("users", "add", "quan.tri", "--role", "admin", "--db", db.toString(),
                "--new-password-file", adminPw.toString())).isZero();
        assertThat(Main.run("users", "add", "le.tan", "--role", "reception", "--db", db.toString(),
                "--new-password-file", receptionPw.toString(), "--user", "quan.tri", "--password-file",
                adminPw.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Main.run("users", "add", "kiem.toan", "--role", "auditor", "--db", db.toString(),
                "--new-password-file", auditorPw.toString(), "--user", "quan.tri", "--password-file",
                adminPw.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();

        for (int n : new int[] {5, 6, 7}) {
            SimCard card = SimCard.builder().citizen(n).build();
            assertThat(readWith(card, "read", "--reader", READER, "--id", card.citizen().idNumber(), "--json",
                    "--store", store.toString(), "--check-in", "--db", db.toString(), "--user", "le.tan",
                    "--password-file", receptionPw.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
        }
        assertThat(out()).contains("\"visit\":{\"recorded\":true");
        SimCard tampered = SimCard.builder().citizen(8).profile(FaultProfile.TAMPERED_DG).build();
        assertThat(readWith(tampered, "read", "--reader", READER, "--id", tampered.citizen().idNumber(),
                "--store", store.toString(), "--check-in", "--db", db.toString(), "--user", "le.tan",
                "--password-file", receptionPw.toString())).isEqualTo(VisitLogExitCodes.NOT_PERMITTED);

        String today = java.time.LocalDate.now().toString();
        Path csv = temp.resolve("visits.csv");
        assertThat(Main.run("visits", "export", "--from", today, "--to", today, "--format", "csv", "--out",
                csv.toString(), "--db", db.toString(), "--user", "kiem.toan", "--password-file", auditorPw.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out()).contains("exported 3 visits");
        assertThat(Files.readString(csv)).contains(SimCard.builder().citizen(6).build().citizen().fullName());
        assertThat(Main.run("visits", "verify-export", csv.toString(), "--db", db.toString())).isZero();
        assertThat(Main.run("audit", "verify", "--db", db.toString(), "--user", "kiem.toan", "--password-file",
                auditorPw.toString())).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void aWrongCanExitsWithTheWrongKeyCode() throws Exception {
        SimCard card = SimCard.builder().citizen(2).build();
        String wrong = card.citizen().can().equals("111111") ? "222222" : "111111";
        assertThat(readWith(card, "read", "--reader", READER, "--can", wrong)).isEqualTo(ExitCodes.WRONG_KEY);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused the access key");
    }

    @Test
    void aTornCardExitsWithTheCardLostCode() throws Exception {
        SimCard card = SimCard.builder().citizen(3).profile(FaultProfile.TEAR).tearAfterApdus(10).build();
        assertThat(readWith(card, "read", "--reader", READER, "--id", card.citizen().idNumber()))
                .isEqualTo(ExitCodes.CARD_LOST);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("removed during the read");
    }

    @Test
    void noCardExitsWithTheNoCardCode() throws Exception {
        assertThat(TerminalFactory.getDefault().terminals().getTerminal(READER).waitForCardAbsent(5_000)).isTrue();
        assertThat(Main.run("read", "--reader", READER, "--can", "123456")).isEqualTo(ExitCodes.NO_CARD);
    }

    @Test
    void anUnknownReaderAndABadQrAreClearErrors() {
        assertThat(Main.run("read", "--reader", "No Such Reader", "--can", "123456")).isEqualTo(ExitCodes.NO_READER);
        assertThat(Main.run("read", "--reader", READER, "--qr", "https://example.invalid/not-a-cccd"))
                .isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void readersListsTheVirtualReader() {
        assertThat(Main.run("readers")).isZero();
        assertThat(out()).contains(READER + "\t");
    }
}
