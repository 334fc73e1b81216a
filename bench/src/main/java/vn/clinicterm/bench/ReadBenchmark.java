package vn.clinicterm.bench;

import java.io.DataInputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.smartcardio.CardTerminal;
import net.sf.scuba.smartcards.CardFileInputStream;
import net.sf.scuba.smartcards.CardService;
import org.jmrtd.PACEKeySpec;
import org.jmrtd.PassportService;
import org.jmrtd.lds.CardAccessFile;
import org.jmrtd.lds.ChipAuthenticationInfo;
import org.jmrtd.lds.ChipAuthenticationPublicKeyInfo;
import org.jmrtd.lds.PACEInfo;
import org.jmrtd.lds.SecurityInfo;
import org.jmrtd.lds.icao.DG14File;
import vn.clinicterm.card.AccessKeys;
import vn.clinicterm.card.ChipReader;
import vn.clinicterm.card.CitizenIdentity;
import vn.clinicterm.card.ReadOutcome;
import vn.clinicterm.card.ReadProgress;
import vn.clinicterm.card.ReadStep;
import vn.clinicterm.cardsim.ApduTrace;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.LinkModel;
import vn.clinicterm.cardsim.SimCard;
import vn.clinicterm.cardsim.SimTerminals;

/**
 * The card-read benchmark: ClinicTerm's reader against JMRTD's default path (PassportService defaults, 223-byte blocks,
 * an 8-byte read-ahead per file) on the same simulated card, through the in-JVM reader, with the same work: PACE with
 * the CAN, EF.CardAccess, DG13, DG1, DG2, DG14, DG15, SOD, COM, Chip Authentication. Time is modelled from the APDU
 * trace (ISO 14443 at 424 kbit/s, 9 bits a byte, framing, a per-APDU latency), so runs are repeatable.
 *
 * <p>Run: {@code bench/run read}. Output: a Markdown table per card profile (see docs/benchmarks.md).
 */
public final class ReadBenchmark {

    private static final int BIT_RATE = 424;
    private static final int[] LATENCIES_MS = {3, 6, 10};

    /**
     * @param accessExchanges exchanges up to and including access (CardAccess, PACE, SELECT of the application):
     *     the same protocol work on both paths; what follows is the reading strategy
     */
    private record Run(String name, ApduTrace trace, int accessExchanges, int identityExchanges, long payload,
            long cardAccessBytes) {}

    public static void main(String[] args) throws Exception {
        int citizen = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        System.out.println("# Card read benchmark (citizen " + citizen + ", " + BIT_RATE + " kbit/s)");
        for (boolean extended : new boolean[] {true, false}) {
            SimCard.Builder builder = SimCard.builder().citizen(citizen);
            if (!extended) {
                builder.profile(FaultProfile.NO_EXTENDED_LENGTH);
            }
            SimCard card = builder.build();
            Run ours = ours(card);
            Run baseline = jmrtdDefault(card);
            report(extended ? "card takes extended length" : "card answers 6700 to extended length", ours,
                    baseline);
        }
    }

    private static Run ours(SimCard card) {
        SimTerminals readers = SimTerminals.withReaders(1);
        String name = readers.readerNames().get(0);
        ApduTrace trace = ApduTrace.recording();
        readers.insert(name, trace.wrap(card.chip()));
        CardTerminal terminal = readers.factory().terminals().getTerminal(name);
        int[] identityAt = {-1};
        int[] accessAt = {-1};
        ReadProgress progress = new ReadProgress() {
            @Override
            public void step(ReadStep step) {
                if (step == ReadStep.ACCESS_GRANTED) {
                    accessAt[0] = trace.exchanges().size();
                }
            }

            @Override
            public void identity(CitizenIdentity identity) {
                identityAt[0] = trace.exchanges().size();
            }
        };
        ReadOutcome outcome = ChipReader.builder().build().read(terminal,
                AccessKeys.fromIdNumber(card.citizen().idNumber()), progress);
        if (!(outcome instanceof ReadOutcome.Success success)) {
            throw new IllegalStateException("ClinicTerm read failed: " + outcome);
        }
        long payload = success.evidence().files().values().stream().mapToLong(b -> b.length).sum();
        long cardAccess = success.evidence().file(0x011C).map(b -> (long) b.length).orElse(0L);
        return new Run("ClinicTerm", trace, accessAt[0], identityAt[0], payload, cardAccess);
    }

    private static Run jmrtdDefault(SimCard card) throws Exception {
        SimTerminals readers = SimTerminals.withReaders(1);
        String name = readers.readerNames().get(0);
        ApduTrace trace = ApduTrace.recording();
        readers.insert(name, trace.wrap(card.chip()));
        CardService cs = CardService.getInstance(readers.factory().terminals().getTerminal(name));
        cs.open();
        PassportService ps = new PassportService(cs, PassportService.NORMAL_MAX_TRANCEIVE_LENGTH,
                PassportService.DEFAULT_MAX_BLOCKSIZE, false, false);
        ps.open();
        long payload = 0;
        byte[] cardAccess = readAll(ps, PassportService.EF_CARD_ACCESS);
        payload += cardAccess.length;
        PACEInfo pace = null;
        for (SecurityInfo info : new CardAccessFile(new java.io.ByteArrayInputStream(cardAccess)).getSecurityInfos()) {
            if (info instanceof PACEInfo p) {
                pace = p;
            }
        }
        ps.doPACE(PACEKeySpec.createCANKey(card.citizen().can()), pace.getObjectIdentifier(),
                PACEInfo.toParameterSpec(pace.getParameterId()), pace.getParameterId());
        ps.sendSelectApplet(true);
        int accessAt = trace.exchanges().size();
        payload += readAll(ps, (short) 0x010D).length;
        payload += readAll(ps, PassportService.EF_DG1).length;
        int identityAt = trace.exchanges().size();
        payload += readAll(ps, PassportService.EF_DG2).length;
        byte[] dg14 = readAll(ps, PassportService.EF_DG14);
        payload += dg14.length;
        payload += readAll(ps, PassportService.EF_DG15).length;
        payload += readAll(ps, PassportService.EF_SOD).length;
        DG14File dg14File = new DG14File(new java.io.ByteArrayInputStream(dg14));
        ChipAuthenticationInfo info = dg14File.getChipAuthenticationInfos().get(0);
        ChipAuthenticationPublicKeyInfo key = dg14File.getChipAuthenticationPublicKeyInfos().get(0);
        BigInteger keyId = info.getKeyId();
        ps.doEACCA(keyId, info.getObjectIdentifier(), key.getObjectIdentifier(), key.getSubjectPublicKey());
        payload += readAll(ps, PassportService.EF_COM).length;
        ps.close();
        return new Run("JMRTD default", trace, accessAt, identityAt, payload, cardAccess.length);
    }

    private static byte[] readAll(PassportService ps, short fid) throws Exception {
        CardFileInputStream in = ps.getInputStream(fid, PassportService.DEFAULT_MAX_BLOCKSIZE);
        byte[] bytes = new byte[in.getLength()];
        new DataInputStream(in).readFully(bytes);
        return bytes;
    }

    private static void report(String title, Run ours, Run baseline) {
        System.out.println();
        System.out.println("## " + title);
        System.out.println();
        System.out.println("| path | APDUs | wire bytes | payload | wire/payload | "
                + "time @3 ms | @6 ms | @10 ms | floor | time/floor @3/6/10 | identity/full @6 ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        for (Run run : List.of(ours, baseline)) {
            ApduTrace.Summary s = run.trace().summary();
            long wire = s.commandBytes() + s.responseBytes();
            double floorMs = run.payload() * 9.0 / BIT_RATE;
            List<String> times = new ArrayList<>();
            List<String> ratios = new ArrayList<>();
            for (int latency : LATENCIES_MS) {
                double ms = ms(new LinkModel(BIT_RATE, Duration.ofMillis(latency)).modelledTime(run.trace()));
                times.add(String.format(Locale.ROOT, "%.0f ms", ms));
                ratios.add(String.format(Locale.ROOT, "%.2f", ms / floorMs));
            }
            LinkModel six = new LinkModel(BIT_RATE, Duration.ofMillis(6));
            double identity = ms(six.modelledTime(ApduTrace.of(
                    run.trace().exchanges().subList(0, run.identityExchanges()))));
            double full = ms(six.modelledTime(run.trace()));
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.3f | %s | %s | %s | %.0f ms | %s | %.0f%% |%n",
                    run.name(), s.apdus(), wire, run.payload(), (double) wire / run.payload(), times.get(0),
                    times.get(1), times.get(2), floorMs, String.join(" / ", ratios), 100 * identity / full);
        }
        ApduTrace.Summary o = ours.trace().summary();
        ApduTrace.Summary b = baseline.trace().summary();
        System.out.printf(Locale.ROOT, "%nWhole session: ClinicTerm sends %.1f× fewer APDUs than JMRTD's default path"
                + " (%d vs %d; ratio %.2f).%n", (double) b.apdus() / o.apdus(), o.apdus(), b.apdus(),
                (double) o.apdus() / b.apdus());
        ApduTrace oursReading = fileReading(ours);
        ApduTrace baseReading = fileReading(baseline);
        long oursWire = oursReading.summary().commandBytes() + oursReading.summary().responseBytes();
        long baseWire = baseReading.summary().commandBytes() + baseReading.summary().responseBytes();
        long payloadAfterAccess = ours.payload() - ours.cardAccessBytes();
        System.out.printf(Locale.ROOT, "File reading after access (SELECT/READ BINARY only): ClinicTerm %d APDUs, %d wire"
                + " bytes (%.3f× the %d payload bytes); JMRTD %d APDUs, %d wire bytes (%.3f×): %.1f× fewer APDUs.%n",
                oursReading.summary().apdus(), oursWire, (double) oursWire / payloadAfterAccess, payloadAfterAccess,
                baseReading.summary().apdus(), baseWire, (double) baseWire / payloadAfterAccess,
                (double) baseReading.summary().apdus() / oursReading.summary().apdus());
    }

    /** The SELECT and READ BINARY exchanges after access: the part the reading strategy decides. */
    private static ApduTrace fileReading(Run run) {
        return ApduTrace.of(run.trace().exchanges().subList(run.accessExchanges(), run.trace().exchanges().size())
                .stream().filter(e -> e.ins() == 0xA4 || e.ins() == 0xB0 || e.ins() == 0xB1).toList());
    }

    private static double ms(Duration d) {
        return d.toNanos() / 1e6;
    }
}
