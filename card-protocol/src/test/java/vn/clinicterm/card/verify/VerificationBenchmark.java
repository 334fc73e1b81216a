package vn.clinicterm.card.verify;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.trust.TrustStore;

/**
 * Passive authentication timings for docs/benchmarks.md (no assertions): warm verification of the genuine
 * (brainpool) card, median of 200 after 50 warm-up; and the first card in a fresh JVM, with and without
 * {@link Verifier#prewarm()} run in the background at launch. Run from the card-protocol directory with the test
 * class path: {@code java -cp … vn.clinicterm.card.verify.VerificationBenchmark}.
 */
public final class VerificationBenchmark {

    private VerificationBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--first-card")) {
            firstCard(Path.of(args[1]), Path.of(args[2]), args.length > 3 && args[3].equals("--prewarm"));
            return;
        }
        Path temp = Files.createTempDirectory("clinicterm-verify-bench");
        TrustStore store = VerifyFixtures.simStore(temp, VerifyFixtures.MARCH_2026);
        ChipEvidence evidence = VerifyFixtures.evidence(VerifyFixtures.card(1));
        Path evidenceFile = temp.resolve("evidence.txt");
        try (OutputStream out = Files.newOutputStream(evidenceFile)) {
            evidence.writeTo(out);
        }
        // the fresh JVMs first, so this JVM's warm-up cannot help them through the disk cache of class files only
        for (boolean prewarm : new boolean[] {false, true, false, true}) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), VerificationBenchmark.class.getName(),
                    "--first-card", temp.resolve("store").toString(), evidenceFile.toString()));
            if (prewarm) {
                command.add("--prewarm");
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            System.out.print(new String(process.getInputStream().readAllBytes()));
            process.waitFor();
        }

        Verifier verifier = VerifyFixtures.verifier(store, VerifyFixtures.MARCH_2026);
        for (int i = 0; i < 50; i++) {
            verifier.verify(evidence);
        }
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            VerificationReport report = verifier.verify(evidence);
            nanos[i] = System.nanoTime() - start;
            if (report.indication() != Indication.PASSED) {
                throw new IllegalStateException("the genuine card did not pass: " + report);
            }
        }
        Arrays.sort(nanos);
        System.out.printf("warm PA, genuine brainpool card: median %.2f ms, p90 %.2f ms, min %.2f ms, max %.2f ms"
                + " (200 after 50 warm-up)%n", nanos[100] / 1e6, nanos[180] / 1e6, nanos[0] / 1e6, nanos[199] / 1e6);
    }

    /** In a fresh JVM: open the store (as the app does at launch), then verify the first card once. */
    private static void firstCard(Path storeDir, Path evidenceFile, boolean prewarm) throws Exception {
        long launch = System.nanoTime();
        Thread warmup = null;
        if (prewarm) {
            warmup = Thread.ofPlatform().name("crypto-warmup").daemon().start(Verifier::prewarm);
        }
        TrustStore store = TrustStore.open(storeDir, Clock.fixed(VerifyFixtures.MARCH_2026, java.time.ZoneOffset.UTC));
        long storeOpen = System.nanoTime();
        ChipEvidence evidence;
        try (InputStream in = Files.newInputStream(evidenceFile)) {
            evidence = ChipEvidence.readFrom(in);
        }
        Verifier verifier = Verifier.builder().trustStore(store)
                .clock(Clock.fixed(VerifyFixtures.MARCH_2026, java.time.ZoneOffset.UTC)).build();
        long warmupDone = System.nanoTime();
        if (warmup != null) {
            warmup.join(); // the card arrives after the background warm-up finished
            warmupDone = System.nanoTime();
        }
        long start = System.nanoTime();
        VerificationReport report = verifier.verify(evidence);
        long end = System.nanoTime();
        long second = System.nanoTime();
        verifier.verify(evidence);
        long secondEnd = System.nanoTime();
        System.out.printf("first card in a fresh JVM, %s: %.1f ms (%s); second card %.1f ms; store open %.0f ms"
                        + "%s%n", prewarm ? "after Verifier.prewarm()" : "no pre-warm", (end - start) / 1e6,
                report.indication(), (secondEnd - second) / 1e6, (storeOpen - launch) / 1e6,
                prewarm ? String.format(", warm-up finished %.0f ms after launch", (warmupDone - launch) / 1e6) : "");
    }
}
