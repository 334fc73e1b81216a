package vn.clinicterm.terminal.storage;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import vn.clinicterm.cardsim.SyntheticCitizens;

/**
 * The child process of {@link CrashDurabilityTest}: writes visits until killed, printing {@code committed <id> .}
 * after each commit returned (the trailing dot shows the line was printed whole).
 */
public final class CrashWriter {

    private CrashWriter() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        long base = Long.parseLong(args[1]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (VisitLog log = VisitLog.builder().database(dir.resolve("clinicterm.db"))
                .keyFile(dir.resolve("keys/visit-log.keys")).clock(Clock.systemUTC()).terminalId("crash").open()) {
            out.print("ready .\n");
            out.flush();
            for (long i = 0; ; i++) {
                CheckIn in = TestVisits.checkIn((int) (i % 50) + 1).idNumber(String.format("%012d", base + i)).build();
                if (log.recordVisit(in) instanceof RecordOutcome.Recorded(long id)) {
                    out.print("committed " + id + " .\n");
                    out.flush();
                }
            }
        }
    }
}
