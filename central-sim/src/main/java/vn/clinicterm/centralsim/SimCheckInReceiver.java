package vn.clinicterm.centralsim;

import java.security.cert.X509Certificate;
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
import vn.clinicterm.centralsim.internal.Xml0SignatureCheck;
import vn.clinicterm.sync.Xml0Format;

/**
 * The gateway's check-in receiver, simulated: validates the XML0 against {@link Xml0Format}'s field rules (the same
 * rules the terminal applies before sending), checks that the record's {@code MA_CSKCB} is the sending facility, and
 * verifies the facility's XML-DSig signature in {@code CHUKYDONVI} when there is one (SHA-256, RSA or ECDSA, the whole
 * document, the signer's certificate valid now — see {@link Xml0SignatureCheck}). In
 * {@linkplain Builder#requireSignature() require-signature mode} an unsigned record is refused too.
 *
 * <p>An accepted record answers {@code maKetQua "200"}, a fresh {@code maGiaoDich} and {@code thoiGianTiepNhan}
 * ({@code yyyyMMddHHmmss}, Vietnam time); a refused one answers {@code maKetQua "400"} and {@code thongBao} naming
 * each broken field (a bad signature names {@code CHUKYDONVI} and what is wrong with it). The same {@code MA_LK} sent
 * again answers its first transaction code (the gateway keys check-ins by visit code).
 */
public final class SimCheckInReceiver implements CheckInReceiver {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** A record the simulator accepted; {@code signed}: it carried a signature that verified. */
    public record Accepted(int decision, String maGiaoDich, String thoiGianTiepNhan, Map<String, String> fields,
            boolean signed) {}

    private final Clock clock;
    private final boolean requireSignature;
    private final Xml0SignatureCheck signatures;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Accepted> byVisitCode = new LinkedHashMap<>();
    private final List<String> refusals = new ArrayList<>();

    /** Verifies a signature when there is one; accepts unsigned records. */
    public SimCheckInReceiver(Clock clock) {
        this(builder().clock(clock));
    }

    private SimCheckInReceiver(Builder b) {
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.requireSignature = b.requireSignature;
        this.signatures = new Xml0SignatureCheck(b.clock, b.trustedSigners);
    }

    public static Builder builder() {
        return new Builder();
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
        boolean signed = false;
        switch (signatures.check(xml0)) {
            case Xml0SignatureCheck.Result.Valid v -> signed = true;
            case Xml0SignatureCheck.Result.Absent a -> {
                if (requireSignature) {
                    violations.add(new Xml0Format.Violation(Xml0Format.SIGNATURE, Xml0Format.Rule.MISSING,
                            "is mandatory: this gateway accepts only records signed by the facility"));
                }
            }
            case Xml0SignatureCheck.Result.Invalid(String reason) -> violations.add(new Xml0Format.Violation(
                    Xml0Format.SIGNATURE, Xml0Format.Rule.STRUCTURE, "signature rejected: " + reason));
        }
        boolean verified = signed;
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
                LocalDateTime.now(clock.withZone(VIETNAM)).format(RECEIVED), parsed.fields(), verified));
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

    /** Settings of the simulated receiver. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private boolean requireSignature;
        private final List<X509Certificate> trustedSigners = new ArrayList<>();

        private Builder() {}

        /** For {@code thoiGianTiepNhan} and the signing certificate's validity. */
        public Builder clock(Clock v) {
            clock = Objects.requireNonNull(v);
            return this;
        }

        /** Refuse records without a signature in {@code CHUKYDONVI} (a signature that is present is always checked). */
        public Builder requireSignature() {
            requireSignature = true;
            return this;
        }

        /**
         * Accept signatures only by these certificates (the facility's registered ones). Without any, any certificate
         * valid at the time of arrival is accepted.
         */
        public Builder trustedSigner(X509Certificate cert) {
            trustedSigners.add(Objects.requireNonNull(cert));
            return this;
        }

        public SimCheckInReceiver build() {
            return new SimCheckInReceiver(this);
        }
    }
}
