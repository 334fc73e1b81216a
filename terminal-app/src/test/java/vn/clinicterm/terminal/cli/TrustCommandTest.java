package vn.clinicterm.terminal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.TrustStore;

/** {@code clinicterm trust} through picocli, against a store in a temp directory (--store). */
class TrustCommandTest {

    @TempDir
    Path temp;

    private static Path realMasterList() {
        Path file = Path.of(System.getProperty("clinicterm.shared.dir", "../../shared"), "trust", "icao-masterlist.ml");
        assertThat(file).as("the real ICAO master list (set -Dclinicterm.shared.dir)").isRegularFile();
        return file;
    }

    private int trust(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--store";
        all[1] = temp.resolve("store").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return new CommandLine(new TrustCommand()).execute(all);
    }

    @Test
    void importingTheRealMasterListExitsZeroAndListStatusWork() throws Exception {
        assertThat(trust("import", realMasterList().toString())).isZero();
        assertThat(trust("list", "--country", "VN")).isZero();
        assertThat(trust("list", "--json")).isZero();
        assertThat(trust("status")).isZero();
        assertThat(trust("status", "--json")).isZero();
        assertThat(TrustStore.open(temp.resolve("store"), Clock.systemUTC()).cscas("VN")).hasSize(1);
    }

    @Test
    void aRejectedImportExitsTwenty() throws Exception {
        byte[] list = Files.readAllBytes(realMasterList());
        list[list.length - 10] ^= 1;
        Path tampered = Files.write(temp.resolve("tampered.ml"), list);

        assertThat(trust("import", tampered.toString())).isEqualTo(TrustCommand.REJECTED);
        assertThat(TrustStore.open(temp.resolve("store"), Clock.systemUTC()).cscas()).isEmpty();
    }

    @Test
    void theMasterListHeadlineNamesCountSignerAndVietnam() throws Exception {
        ImportReport report = TrustStore.open(temp.resolve("store"), Clock.systemUTC()).importFile(realMasterList());

        assertThat(TrustCommand.Import.headline(report))
                .startsWith("imported master list: 520 certificates (520 new), signature verified (signer "
                        + "CN=ICAO Master List Signer,")
                .endsWith("countries incl. VN");
    }

    @Test
    void aCorruptStoreExitsTwentyOneAndRestoreBringsBackThePreviousCopy() throws Exception {
        Path pki = temp.resolve("pki");
        vn.clinicterm.cardsim.TestPki.standard().exportTo(pki);
        assertThat(trust("import", pki.resolve("csca-brainpool.der").toString())).isZero();
        assertThat(trust("import", pki.resolve("csca-rsapss.der").toString())).isZero();
        Path file = temp.resolve("store").resolve("trust-store.txt");
        Files.writeString(file, "clinicterm-trust-store 1\ntruncated");

        assertThat(trust("status")).isEqualTo(TrustCommand.STORE_UNUSABLE);
        assertThat(trust("restore")).isZero();
        assertThat(trust("status")).isZero();
    }
}
