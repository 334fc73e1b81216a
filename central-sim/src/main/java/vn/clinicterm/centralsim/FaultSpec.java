package vn.clinicterm.centralsim;

import java.time.Duration;
import java.util.Locale;

/**
 * Which faults the simulator injects, with what probability per API request (drawn from its seeded random).
 *
 * <p>Syntax: comma-separated {@code name=value}, e.g.
 * {@code latency=200ms,error500=0.1,error503=0.1,rate429=0.05:retryAfter=1,dropAfterProcess=0.05,malformedJson=0.05,slowDrip=0.02}.
 * <ul>
 *   <li>{@code latency=D} — every request waits a uniformly random time in [0, D] first ({@code ms} or {@code s});
 *   <li>{@code error500=p}, {@code error503=p} — answer 500/503 without processing;
 *   <li>{@code rate429=p[:retryAfter=S]} — answer 429 with {@code Retry-After: S} (default 1) without processing;
 *   <li>{@code dropAfterProcess=p} — process and store, then close the connection without answering;
 *   <li>{@code malformedJson=p} — process and store, then answer 200 with truncated JSON;
 *   <li>{@code slowDrip=p} — process and store, then send the body one byte every 100 ms.
 * </ul>
 * At most one of the probabilistic faults hits a request; their probabilities must sum to at most 1.
 */
public record FaultSpec(
        Duration latency,
        double error500,
        double error503,
        double rate429,
        int retryAfterSeconds,
        double dropAfterProcess,
        double malformedJson,
        double slowDrip) {

    public static final FaultSpec NONE = new FaultSpec(Duration.ZERO, 0, 0, 0, 1, 0, 0, 0);

    /** The faults a request can suffer, also usable as one-shot toggles (see {@link CentralSim#failNext}). */
    public enum Fault {
        ERROR_500,
        ERROR_503,
        RATE_429,
        DROP_AFTER_PROCESS,
        MALFORMED_JSON,
        SLOW_DRIP
    }

    public FaultSpec {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
        double sum = 0;
        for (double p : new double[] {error500, error503, rate429, dropAfterProcess, malformedJson, slowDrip}) {
            if (p < 0 || p > 1 || Double.isNaN(p)) {
                throw new IllegalArgumentException("fault probabilities must be within [0, 1]");
            }
            sum += p;
        }
        if (sum > 1.0 + 1e-9) {
            throw new IllegalArgumentException("fault probabilities sum to more than 1");
        }
        if (retryAfterSeconds < 0 || retryAfterSeconds > 3600) {
            throw new IllegalArgumentException("retryAfter must be 0..3600 seconds");
        }
    }

    /** Parses the syntax above; errors name the offending part. An empty spec means no faults. */
    public static FaultSpec parse(String spec) {
        Duration latency = Duration.ZERO;
        double e500 = 0, e503 = 0, r429 = 0, drop = 0, malformed = 0, drip = 0;
        int retryAfter = 1;
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("fault '" + p + "' needs name=value");
            }
            String name = p.substring(0, eq).trim();
            String value = p.substring(eq + 1).trim();
            try {
                switch (name) {
                    case "latency" -> latency = duration(value);
                    case "error500" -> e500 = Double.parseDouble(value);
                    case "error503" -> e503 = Double.parseDouble(value);
                    case "rate429" -> {
                        String[] bits = value.split(":");
                        r429 = Double.parseDouble(bits[0]);
                        for (int i = 1; i < bits.length; i++) {
                            if (bits[i].startsWith("retryAfter=")) {
                                retryAfter = Integer.parseInt(bits[i].substring("retryAfter=".length()));
                            } else {
                                throw new IllegalArgumentException("unknown rate429 option '" + bits[i] + "'");
                            }
                        }
                    }
                    case "dropAfterProcess" -> drop = Double.parseDouble(value);
                    case "malformedJson" -> malformed = Double.parseDouble(value);
                    case "slowDrip" -> drip = Double.parseDouble(value);
                    default -> throw new IllegalArgumentException("unknown fault '" + name + "'");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault '" + name + "' has a bad value '" + value + "'");
            }
        }
        return new FaultSpec(latency, e500, e503, r429, retryAfter, drop, malformed, drip);
    }

    private static Duration duration(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        }
        if (s.endsWith("s")) {
            return Duration.ofMillis((long) (Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
        }
        return Duration.ofMillis(Long.parseLong(s));
    }

    /** Picks the fault for one request from a uniform draw in [0, 1), or null for none. */
    public Fault pick(double draw) {
        double acc = 0;
        Fault[] order = {Fault.ERROR_500, Fault.ERROR_503, Fault.RATE_429, Fault.DROP_AFTER_PROCESS,
            Fault.MALFORMED_JSON, Fault.SLOW_DRIP};
        double[] probs = {error500, error503, rate429, dropAfterProcess, malformedJson, slowDrip};
        for (int i = 0; i < order.length; i++) {
            acc += probs[i];
            if (draw < acc) {
                return order[i];
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "latency=" + latency.toMillis() + "ms,error500=" + error500 + ",error503=" + error503 + ",rate429="
                + rate429 + ":retryAfter=" + retryAfterSeconds + ",dropAfterProcess=" + dropAfterProcess
                + ",malformedJson=" + malformedJson + ",slowDrip=" + slowDrip;
    }
}
