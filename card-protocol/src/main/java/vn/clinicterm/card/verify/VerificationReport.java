package vn.clinicterm.card.verify;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The verifier's answer for one chip: the verdict, why, and every check. It holds no personal data, so it may be
 * logged and stored with the visit.
 *
 * @param subIndication why the verdict is FAILED or INDETERMINATE: the sub-indication of the first decisive check in
 *     {@link CheckId} order; empty when PASSED
 * @param checks one result per {@link CheckId}, in that order
 * @param verifiedAt the verifier's clock when it judged
 * @param policyName the policy applied ({@link VerificationPolicy#name()})
 */
public record VerificationReport(
        Indication indication,
        Optional<SubIndication> subIndication,
        List<CheckResult> checks,
        Instant verifiedAt,
        String policyName) {

    public VerificationReport {
        Objects.requireNonNull(indication, "indication");
        Objects.requireNonNull(subIndication, "subIndication");
        checks = List.copyOf(checks);
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(policyName, "policyName");
        if ((indication == Indication.PASSED) != subIndication.isEmpty()) {
            throw new IllegalArgumentException("a sub-indication is given exactly when the verdict is not PASSED");
        }
    }

    /** The result of one check. */
    public Optional<CheckResult> check(CheckId id) {
        return checks.stream().filter(c -> c.id() == id).findFirst();
    }

    /** The status of one check ({@link CheckStatus#SKIPPED} if absent). */
    public CheckStatus status(CheckId id) {
        return check(id).map(CheckResult::status).orElse(CheckStatus.SKIPPED);
    }

    /** The view for the receptionist: the verdict and one sentence why, in Vietnamese or English. */
    public SimpleReport simpleReport(Locale locale) {
        return SimpleReport.of(this, locale);
    }

    /** The full detail for IT. */
    public DetailedReport detailedReport(Locale locale) {
        return DetailedReport.of(this, locale);
    }

    @Override
    public String toString() {
        return "VerificationReport[" + indication + subIndication.map(s -> "/" + s).orElse("") + ", "
                + checks.stream().map(c -> c.id().id() + "=" + c.status()).toList() + "]";
    }
}
