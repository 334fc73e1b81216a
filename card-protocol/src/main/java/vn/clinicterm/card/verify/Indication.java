package vn.clinicterm.card.verify;

/** The overall verdict on a chip: the three outcomes a receptionist sees. */
public enum Indication {
    /** The chip is genuine and its data unaltered: every check the policy makes decisive passed. */
    PASSED,
    /** The chip or its data is forged, altered, revoked or cloned: a decisive check proved it wrong. */
    FAILED,
    /** Nothing proved wrong, but the chip could not be proven genuine either (unknown issuer, unreadable data…). */
    INDETERMINATE
}
