package vn.clinicterm.card.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.LdsParsers;
import vn.clinicterm.card.Parsed;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.cardsim.CardImage;

/**
 * The fuzz targets, shared by the Jazzer {@code @FuzzTest}s and the seeded mutation tests: each takes arbitrary
 * bytes and fails only when the code under test throws or breaks its contract.
 */
final class VerificationFuzzTargets {

    /** Files of the verifier target, selected by the input's first byte. */
    static final int[] VERIFIER_FILES = {ChipEvidence.EF_SOD, ChipEvidence.dataGroup(1), ChipEvidence.dataGroup(2),
            ChipEvidence.dataGroup(13), ChipEvidence.dataGroup(14), ChipEvidence.dataGroup(15), ChipEvidence.EF_COM,
            ChipEvidence.EF_CARD_ACCESS};

    private static final AtomicInteger STORES = new AtomicInteger();
    private static Path root;
    private static TrustStore verifierStore;
    private static Verifier verifier;

    private VerificationFuzzTargets() {}

    static void sod(byte[] data) {
        answers(LdsParsers.sod(data));
    }

    static void dg1(byte[] data) {
        answers(LdsParsers.dg1(data));
    }

    static void dg13(byte[] data) {
        answers(LdsParsers.dg13(data));
    }

    static void dg14(byte[] data) {
        answers(LdsParsers.dg14(data));
    }

    static void dg15(byte[] data) {
        answers(LdsParsers.dg15(data));
    }

    static void com(byte[] data) {
        answers(LdsParsers.com(data));
    }

    private static void answers(Parsed<?> parsed) {
        assertThat(parsed).isNotNull();
    }

    /** Imports the bytes as a file into a new store: a rejection is fine, an exception is not. */
    static void trustImport(byte[] data) {
        Path dir = root().resolve("store-" + STORES.incrementAndGet());
        try {
            Files.createDirectories(dir);
            Path file = Files.write(dir.resolve("input.bin"), data);
            TrustStore store = TrustStore.open(dir.resolve("store"), VerifyFixtures.clock(VerifyFixtures.MARCH_2026));
            ImportReport report = store.importFile(file);
            assertThat(report).isNotNull();
            if (!report.accepted()) {
                assertThat(store.cscas()).isEmpty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /**
     * A genuine card's evidence with one file (chosen by the first byte) replaced by the rest of the input. The
     * verifier must answer, and a changed data group the SOD covers must never verify as PASSED.
     */
    static void verifier(byte[] data) {
        if (data.length == 0) {
            return;
        }
        CardImage image = VerifyFixtures.card(1);
        Map<Integer, byte[]> files = VerifyFixtures.filesOf(image);
        int fid = VERIFIER_FILES[(data[0] & 0xFF) % VERIFIER_FILES.length];
        byte[] content = Arrays.copyOfRange(data, 1, data.length);
        byte[] original = files.put(fid, content);

        VerificationReport report = verifier().verify(VerifyFixtures.evidence(image, new vn.clinicterm.card
                .ChipAuthentication.Ca(java.math.BigInteger.ZERO, VerifyFixtures.CA_PROTOCOL, true, "confirmed"), files));

        assertThat(report.checks()).hasSize(CheckId.values().length);
        boolean signedGroup = (fid & 0xFF00) == 0x0100 && (fid & 0xFF) <= 16;
        if (signedGroup && !Arrays.equals(original, content)) {
            assertThat(report.indication()).as("a changed DG%d", fid & 0xFF).isNotEqualTo(Indication.PASSED);
        }
    }

    private static synchronized Verifier verifier() {
        if (verifier == null) {
            verifierStore = VerifyFixtures.simStore(root().resolve("verifier"), VerifyFixtures.MARCH_2026);
            verifier = VerifyFixtures.verifier(verifierStore, VerifyFixtures.MARCH_2026);
        }
        return verifier;
    }

    private static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("clinicterm-verify-fuzz");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(root)));
        }
        return root;
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
