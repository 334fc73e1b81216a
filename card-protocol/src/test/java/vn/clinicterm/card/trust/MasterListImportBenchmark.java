package vn.clinicterm.card.trust;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Cold import of the real ICAO master list into an empty store, for docs/benchmarks: run it in a fresh JVM, e.g.
 * {@code java -cp … vn.clinicterm.card.trust.MasterListImportBenchmark [shared-dir]}. Prints milliseconds; asserts
 * nothing (tests never time).
 */
public final class MasterListImportBenchmark {

    private MasterListImportBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            System.setProperty("clinicterm.shared.dir", args[0]);
        }
        Path list = TrustFixtures.realMasterList();
        Path dir = Files.createTempDirectory("clinicterm-trust-bench");
        long start = System.nanoTime();
        TrustStore store = TrustStore.open(dir, Clock.systemUTC());
        ImportReport report = store.importFile(list);
        long imported = System.nanoTime();
        int cscas = store.cscas().size();
        long listed = System.nanoTime();
        TrustStore reopened = TrustStore.open(dir, Clock.systemUTC());
        int again = reopened.cscas().size();
        long reopenedAt = System.nanoTime();
        System.out.printf("cold import of %s: %d ms (%d certificates, accepted=%s)%n", list.getFileName(),
                (imported - start) / 1_000_000, report.certificatesInFile(), report.accepted());
        System.out.printf("first cscas() listing: %d ms (%d CSCAs)%n", (listed - imported) / 1_000_000, cscas);
        System.out.printf("reopen + list (same JVM): %d ms (%d CSCAs), store file %d bytes%n",
                (reopenedAt - listed) / 1_000_000, again, Files.size(dir.resolve("trust-store.txt")));
    }
}
