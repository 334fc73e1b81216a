package vn.clinicterm.sync;

/**
 * Why an eligibility answer is what it is, in ClinicTerm's own vocabulary. The central API (v1) sends these names
 * verbatim; the BHXH gateway's {@code maKetQua} codes are mapped onto them (see {@code BhxhResultCodes}).
 */
public enum ReasonCode {
    /** The card is valid for this visit. */
    VALID,
    /** The card was renewed; the answer describes the new card. */
    CARD_RENEWED,
    /** Managed by the Ministry of Defence's insurance office; the gateway cannot confirm it. */
    MANAGED_BY_MOD,
    /** Managed by the Ministry of Public Security's insurance office; the gateway cannot confirm it. */
    MANAGED_BY_MPS,
    EXPIRED,
    NOT_FOUND,
    INVALID_CARD_CODE,
    NAME_MISMATCH,
    DOB_MISMATCH,
    /** The card was revoked. */
    REVOKED,
    /**
     * "Báo giảm": the employer or agency reported the person off the insurance roll, so the card stopped covering.
     * Not to be confused with a reduced benefit level, which is {@link EligibilityResult.Eligible#benefitLevel()}.
     */
    COVERAGE_WITHDRAWN,
    /** A child whose card was not presented / not found; entitled by law, to be looked up by other means. */
    CHILD_WITHOUT_CARD,
    /** The insurer's data is inconsistent; try again later. */
    DATA_ERROR,
    /** The insurer's server failed; try again later. */
    SERVER_ERROR,
    /** Our request was malformed (a bug or bad input on our side). */
    BAD_PARAMETER,
    /** Our credentials were refused. */
    AUTH_FAILED,
    /** The staff member named in the request is not registered with the gateway. */
    STAFF_NOT_REGISTERED,
    /** The insurer answered with a code this version does not know. */
    UNKNOWN_CODE,
    /** We could not reach the insurer (offline, timeout, overloaded). */
    UNREACHABLE,
    /** The insurer's reply was not understandable (malformed, wrong types, too large). */
    BAD_REPLY
}
