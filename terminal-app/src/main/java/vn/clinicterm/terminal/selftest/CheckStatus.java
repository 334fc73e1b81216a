package vn.clinicterm.terminal.selftest;

/** A check's verdict. */
public enum CheckStatus {
    /** Ready. */
    OK,
    /** Not ready: the detail says why and, where it can, what to do. */
    FAIL,
    /** Not checked here (no display, no central service configured, …); the detail says why. */
    SKIP
}
