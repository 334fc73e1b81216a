package vn.clinicterm.terminal.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vn.clinicterm.terminal.storage.Consent;

/**
 * Whether a chip may be read without the patient's recorded consent. The Law on Identification (Art. 22(5)) lets a
 * private organisation read the chip only with the citizen's consent, so {@link #privateFacility()} (the default)
 * refuses; {@link #publicFacility()} records consent when given but does not refuse without it. A consent older than
 * {@code maxAge} is refused too: it was given for an earlier patient or an earlier visit.
 */
public record ConsentPolicy(boolean required, Duration maxAge) {

    public ConsentPolicy {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("maxAge must be positive");
        }
    }

    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(15);

    public static ConsentPolicy privateFacility() {
        return new ConsentPolicy(true, DEFAULT_MAX_AGE);
    }

    public static ConsentPolicy publicFacility() {
        return new ConsentPolicy(false, DEFAULT_MAX_AGE);
    }

    /** The policy for the configured facility type ({@code private}, the default, or {@code public}). */
    public static ConsentPolicy forFacilityType(String type) {
        return "public".equalsIgnoreCase(type == null ? "" : type.strip()) ? publicFacility() : privateFacility();
    }

    public ConsentDecision decide(Optional<Consent> consent, Instant now) {
        if (consent.isEmpty()) {
            return required ? new ConsentDecision.Refused("consent.refused") : new ConsentDecision.Proceed(consent);
        }
        Instant given = consent.get().time();
        if (given.isAfter(now.plusSeconds(60)) || Duration.between(given, now).compareTo(maxAge) > 0) {
            return required ? new ConsentDecision.Refused("consent.expired")
                    : new ConsentDecision.Proceed(Optional.empty());
        }
        return new ConsentDecision.Proceed(consent);
    }
}
