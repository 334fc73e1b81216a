package vn.clinicterm.sync;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What we know about a patient's health-insurance coverage. A closed set: a new case is a compile error wherever it
 * must be handled.
 *
 * <p>Contract: only an answer from the insurer produces {@link Eligible}. When the insurer cannot be reached the answer
 * is {@link Pending} — never {@code Eligible} — and may carry an earlier answer, which the UI must show labelled with
 * its age.
 */
public sealed interface EligibilityResult {

    ReasonCode reasonCode();

    /** The UI/CLI name of this outcome: ELIGIBLE, NOT_ELIGIBLE, UNKNOWN_PERSON, PENDING or ERROR. */
    default String outcome() {
        return switch (this) {
            case Eligible e -> "ELIGIBLE";
            case NotEligible n -> "NOT_ELIGIBLE";
            case UnknownPerson u -> "UNKNOWN_PERSON";
            case Pending p -> "PENDING";
            case Error e -> "ERROR";
        };
    }

    /** True for answers the insurer gave (and which may therefore be cached): eligible, not eligible, unknown. */
    default boolean isDefinitive() {
        return this instanceof Eligible || this instanceof NotEligible || this instanceof UnknownPerson;
    }

    /**
     * Covered.
     *
     * @param benefitLevel the percentage of costs covered (100, 95, 80)
     * @param registeredFacility the code of the registered primary-care facility (mã ĐKBĐ), e.g. {@code 01013}
     * @param fiveYearContinuousFrom the day from which the holder has 5 continuous years of coverage, if known
     */
    record Eligible(
            String cardNumber,
            LocalDate validFrom,
            LocalDate validTo,
            String registeredFacility,
            int benefitLevel,
            Optional<LocalDate> fiveYearContinuousFrom,
            ReasonCode reasonCode)
            implements EligibilityResult {
        public Eligible {
            Objects.requireNonNull(cardNumber, "cardNumber");
            Objects.requireNonNull(validFrom, "validFrom");
            Objects.requireNonNull(validTo, "validTo");
            Objects.requireNonNull(registeredFacility, "registeredFacility");
            Objects.requireNonNull(fiveYearContinuousFrom, "fiveYearContinuousFrom");
            Objects.requireNonNull(reasonCode, "reasonCode");
            if (benefitLevel < 0 || benefitLevel > 100) {
                throw new IllegalArgumentException("benefit level must be a percentage");
            }
            if (validTo.isBefore(validFrom)) {
                throw new IllegalArgumentException("validity ends before it starts");
            }
        }

        @Override
        public String toString() {
            return "Eligible[reasonCode=" + reasonCode + ", validTo=" + validTo + ", benefitLevel=" + benefitLevel + "]";
        }
    }

    /** The insurer knows the person and says the card does not cover this visit. {@code reason} is for staff. */
    record NotEligible(ReasonCode reasonCode, String reason) implements EligibilityResult {
        public NotEligible {
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The insurer has no record matching the query (or cannot answer for this person). */
    record UnknownPerson(ReasonCode reasonCode) implements EligibilityResult {
        public UnknownPerson {
            Objects.requireNonNull(reasonCode, "reasonCode");
        }
    }

    /**
     * No answer yet; the check is queued and will be retried. {@code retryAfter} is the server's hint, if any.
     *
     * @param cached an earlier answer for the same person, with its age — to be shown only with that age
     */
    record Pending(String reason, Optional<CachedAnswer> cached, Optional<Duration> retryAfter)
            implements EligibilityResult {
        public Pending {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(cached, "cached");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public static Pending of(String reason) {
            return new Pending(reason, Optional.empty(), Optional.empty());
        }

        @Override
        public ReasonCode reasonCode() {
            return ReasonCode.UNREACHABLE;
        }

        public Pending withCached(CachedAnswer answer) {
            return new Pending(reason, Optional.of(answer), retryAfter);
        }
    }

    /**
     * The check failed in a way retrying will not fix (bad credentials, bad input, a reply we cannot understand).
     * Shown to IT; {@code reason} never contains personal data.
     */
    record Error(ReasonCode reasonCode, String reason) implements EligibilityResult {
        public Error {
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** An earlier definitive answer and how old it is now. */
    record CachedAnswer(EligibilityResult answer, Duration age) {
        public CachedAnswer {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(age, "age");
            if (!answer.isDefinitive()) {
                throw new IllegalArgumentException("only definitive answers are cached");
            }
        }
    }
}
