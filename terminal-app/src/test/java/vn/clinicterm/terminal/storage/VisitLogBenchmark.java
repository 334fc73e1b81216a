package vn.clinicterm.terminal.storage;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.terminal.storage.internal.Database;
import vn.clinicterm.terminal.storage.internal.FieldCipher;
import vn.clinicterm.terminal.storage.internal.KeyRing;

/**
 * The visit log's numbers for docs/benchmarks.md (prints, asserts nothing): the latency of a durable visit write
 * (WAL, synchronous=FULL; 1000 writes, each a visit + outbox + audit entry + signed head), and a CSV export of
 * 1,000,000 visits with decryption, sampling the heap to show it stays flat.
 *
 * <p>Arguments: {@code [directory] [visits for the export, default 1000000]}.
 */
public final class VisitLogBenchmark {

    private VisitLogBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("clinicterm-visit-bench");
        int exportRows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Files.createDirectories(dir);
        System.out.println("directory " + dir + " (file system of the database matters: fsync per commit)");
        writes(dir.resolve("writes"));
        export(dir.resolve("export"), exportRows);
    }

    private static void writes(Path dir) {
        try (VisitLog log = VisitLog.builder().database(dir.resolve("clinicterm.db"))
                .keyFile(dir.resolve("keys/visit-log.keys")).clock(Clock.systemUTC()).open()) {
            for (int i = 0; i < 200; i++) { // warm-up
                log.recordVisit(TestVisits.checkIn(i % 50 + 1).idNumber(String.format("%012d", 900_000_000L + i)).build());
            }
            long[] nanos = new long[1000];
            for (int i = 0; i < nanos.length; i++) {
                CheckIn in = TestVisits.checkIn(i % 50 + 1).idNumber(String.format("%012d", i)).build();
                long t0 = System.nanoTime();
                log.recordVisit(in);
                nanos[i] = System.nanoTime() - t0;
            }
            Arrays.sort(nanos);
            System.out.printf("visit write (WAL, synchronous=FULL, 1000 writes): median %.3f ms, p90 %.3f ms, "
                    + "p99 %.3f ms, max %.3f ms%n", nanos[500] / 1e6, nanos[900] / 1e6, nanos[990] / 1e6,
                    nanos[999] / 1e6);
        }
    }

    private static void export(Path dir, int rows) throws Exception {
        Path db = dir.resolve("clinicterm.db");
        Path keyFile = dir.resolve("keys/visit-log.keys");
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        Instant start = Instant.parse("2026-01-01T01:00:00Z");
        VisitLog.builder().database(db).keyFile(keyFile).open().close();
        long t0 = System.nanoTime();
        fill(db, keyFile, rows, start);
        System.out.printf("filled %d visits in %.1f s (bulk insert, not the durable path); database %d MB%n", rows,
                (System.nanoTime() - t0) / 1e9, Files.size(db) >> 20);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try (VisitLog log = VisitLog.builder().database(db).keyFile(keyFile).zone(zone).open()) {
            Path out = dir.resolve("visits.csv");
            long e0 = System.nanoTime();
            ExportManifest m = Exports.write(log, new ExportRequest(LocalDate.of(2025, 12, 31),
                    LocalDate.of(2030, 12, 31), ExportRequest.Format.CSV, out, ExportRequest.IdDisplay.MASKED, "bench"));
            double seconds = (System.nanoTime() - e0) / 1e9;
            sampler.interrupt();
            System.out.printf("CSV export of %d visits (5 fields decrypted per row): %.1f s, %.0f rows/s, %d MB file%n",
                    m.rows(), seconds, m.rows() / seconds, Files.size(out) >> 20);
            System.out.printf("heap: %d MB used before, peak %d MB during (max heap %d MB) - sampled every 5 ms%n",
                    baseline >> 20, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    /** Inserts visits straight into the tables, encrypted exactly as recordVisit does, in large transactions. */
    private static void fill(Path db, Path keyFile, int rows, Instant start) throws Exception {
        KeyRing keys = KeyRing.openOrCreate(keyFile, new SecureRandom());
        FieldCipher cipher = new FieldCipher(keys, new SecureRandom());
        SimCitizen[] people = new SimCitizen[50];
        for (int i = 0; i < people.length; i++) {
            people[i] = SyntheticCitizens.citizen(i + 1);
        }
        try (Connection c = Database.openWritable(db); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode = WAL");
            st.execute("PRAGMA synchronous = OFF");
            st.execute("BEGIN");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO visits(id, recorded_at, terminal_id, staff_user,"
                    + " id_hmac, id_number, full_name, date_of_birth, gender, residence, indication, sub_indication,"
                    + " reasons, access_method, clone_check, clone_confirmed, eligibility, override_by_staff)"
                    + " VALUES (?,?,'quay-1','le.tan',?,?,?,?,?,?,'PASSED','','[]','PACE','CA',1,'PENDING',0)")) {
                for (int i = 1; i <= rows; i++) {
                    SimCitizen p = people[i % people.length];
                    String id = String.format("%012d", i);
                    ps.setLong(1, i);
                    ps.setLong(2, start.plusSeconds(i * 60L).toEpochMilli());
                    ps.setBytes(3, cipher.idHmac(id));
                    ps.setBytes(4, cipher.encrypt("visits", "id_number", i, id));
                    ps.setBytes(5, cipher.encrypt("visits", "full_name", i, p.fullName()));
                    ps.setBytes(6, cipher.encrypt("visits", "date_of_birth", i, p.dateOfBirth().toString()));
                    ps.setBytes(7, cipher.encrypt("visits", "gender", i, p.gender().vietnamese()));
                    ps.setBytes(8, cipher.encrypt("visits", "residence", i, p.residence()));
                    ps.addBatch();
                    if (i % 10_000 == 0) {
                        ps.executeBatch();
                        st.execute("COMMIT");
                        st.execute("BEGIN");
                    }
                }
                ps.executeBatch();
            }
            st.execute("COMMIT");
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }
}
