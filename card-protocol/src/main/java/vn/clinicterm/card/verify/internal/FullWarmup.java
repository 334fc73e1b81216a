package vn.clinicterm.card.verify.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.verify.Indication;
import vn.clinicterm.card.verify.VerificationReport;
import vn.clinicterm.card.verify.Verifier;

/**
 * The second half of the launch warm-up: a full verification of a bundled synthetic card (the simulator's citizen 2,
 * read as a reader would record it, with its test CSCA and CRL) through a throw-away trust store in a temporary
 * directory — the same evidence decoding, LDS parsers, SOD/CMS checks, chain building, CRL lookup, policy and report
 * code the first real card runs, so that card verifies as fast as the tenth. The test CSCA never enters the clinic's
 * trust store. Never throws.
 */
public final class FullWarmup {

    public static final String EVIDENCE = "warmup.evidence";
    public static final String CSCA = "warmup-csca.der";
    public static final String CRL = "warmup-csca.crl";
    static final int ROUNDS = 80;

    private FullWarmup() {}

    /** @return how many verifications passed (0 when the warm-up could not run) */
    public static int run() {
        Path dir = null;
        try {
            ChipEvidence evidence;
            try (InputStream in = resource(EVIDENCE)) {
                evidence = ChipEvidence.readFrom(in);
            }
            dir = Files.createTempDirectory("clinicterm-warmup-");
            for (String name : new String[] {CSCA, CRL}) {
                try (InputStream in = resource(name)) {
                    Files.write(dir.resolve(name), in.readAllBytes());
                }
            }
            Clock clock = Clock.fixed(evidence.readAt(), ZoneOffset.UTC);
            TrustStore store = TrustStore.open(dir.resolve("store"), clock);
            store.importFile(dir.resolve(CSCA));
            store.importFile(dir.resolve(CRL));
            Verifier verifier = Verifier.builder().trustStore(store).clock(clock).build();
            int passed = 0;
            for (int i = 0; i < ROUNDS; i++) {
                VerificationReport report = verifier.verify(evidence);
                if (report.indication() == Indication.PASSED) {
                    passed++;
                }
            }
            return passed;
        } catch (IOException | RuntimeException | LinkageError e) {
            System.getLogger(FullWarmup.class.getName()).log(System.Logger.Level.DEBUG,
                    "verification warm-up failed: {0}", e.getClass().getName());
            return 0;
        } finally {
            delete(dir);
        }
    }

    public static InputStream resource(String name) throws IOException {
        InputStream in = FullWarmup.class.getResourceAsStream("/vn/clinicterm/card/verify/warmup/" + name);
        if (in == null) {
            throw new IOException("warm-up resource " + name + " missing");
        }
        return in;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
