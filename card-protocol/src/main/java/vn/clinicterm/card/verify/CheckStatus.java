package vn.clinicterm.card.verify;

/** The status of one check after the policy has weighed what it found. */
public enum CheckStatus {
    /** The check found nothing wrong. */
    PASSED,
    /** It found something wrong and the policy makes that decisive (level FAIL): the verdict is FAILED. */
    FAILED,
    /** It could not decide, and the policy makes that decisive: the verdict is at best INDETERMINATE. */
    INDETERMINATE,
    /** It found something the policy only warns about (level WARN). */
    WARNING,
    /** It found something the policy only reports (level INFORM). */
    INFO,
    /** It did not run: the policy ignores it, it does not apply to this chip, or what it needs is missing. */
    SKIPPED
}
