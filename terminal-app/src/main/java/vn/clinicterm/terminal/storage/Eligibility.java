package vn.clinicterm.terminal.storage;

/** Insurance eligibility of a visit. PENDING until the central service answers; offline it stays PENDING. */
public enum Eligibility {
    PENDING,
    ELIGIBLE,
    NOT_ELIGIBLE,
    UNKNOWN_PERSON,
    ERROR
}
