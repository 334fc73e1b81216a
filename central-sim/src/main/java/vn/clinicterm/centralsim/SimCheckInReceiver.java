package vn.clinicterm.centralsim;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import vn.clinicterm.sync.Xml0Format;

/**
 * The gateway's check-in receiver, simulated: validates the XML0 against {@link Xml0Format}'s field rules (the same
 * rules the terminal applies before sending) and checks that the record's {@code MA_CSKCB} is the sending facility.
 * An accepted record answers {@code maKetQua "200"}, a fresh {@code maGiaoDich} and {@code thoiGianTiepNhan}
 * ({@code yyyyMMddHHmmss}, Vietnam time); a refused one answers {@code maKetQua "400"} and {@code thongBao} naming
 * each broken field. The same {@code MA_LK} sent again answers its first transaction code (the gateway keys check-ins
 * by visit code).
 */
public final class SimCheckInReceiver implements CheckInReceiver {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** A record the simulator accepted. */
    public record Accepted(int decision, String maGiaoDich, String thoiGianTiepNhan, Map<String, String> fields,
            boolean signed) {}

    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Accepted> byVisitCode = new LinkedHashMap<>();
    private final List<String> refusals = new ArrayList<>();

    public SimCheckInReceiver(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized Map<String, Object> receive(int decision, Map<String, String> form, byte[] xml0) {
        Xml0Format.Parsed parsed = Xml0Format.parse(xml0);
        List<Xml0Format.Violation> violations = new ArrayList<>(parsed.violations());
        String facility = parsed.fields().get(Xml0Format.Field.MA_CSKCB.name());
        if (facility != null && !facility.equals(form.get("maCSKCB"))) {
            violations.add(new Xml0Format.Violation(Xml0Format.Field.MA_CSKCB.name(), Xml0Format.Rule.FORMAT,
                    "is not the sending facility"));
        }
        if (!violations.isEmpty()) {
            String message = violations.stream().map(Xml0Format.Violation::toString).collect(Collectors.joining("; "));
            refusals.add(message);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("maKetQua", "400");
            out.put("thongBao", message);
            out.put("loi", violations.stream().map(Xml0Format.Violation::field).distinct().toList());
            return out;
        }
        String visitCode = parsed.fields().get(Xml0Format.Field.MA_LK.name());
        Accepted a = byVisitCode.computeIfAbsent(visitCode, k -> new Accepted(decision,
                "GD" + form.get("maCSKCB") + String.format("%08d", sequence.incrementAndGet()),
                LocalDateTime.now(clock.withZone(VIETNAM)).format(RECEIVED), parsed.fields(), parsed.signed()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("maKetQua", "200");
        out.put("maGiaoDich", a.maGiaoDich());
        out.put("thoiGianTiepNhan", a.thoiGianTiepNhan());
        return out;
    }

    /** Records accepted so far, in arrival order (one per visit code). */
    public synchronized List<Accepted> accepted() {
        return List.copyOf(byVisitCode.values());
    }

    /** Why records were refused, in arrival order. */
    public synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }
}
