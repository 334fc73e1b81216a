package vn.clinicterm.terminal.storage;

/** The verifier's overall verdict on a card, as the visit log stores it (DSS-style). */
public enum Indication {
    PASSED,
    FAILED,
    INDETERMINATE
}
