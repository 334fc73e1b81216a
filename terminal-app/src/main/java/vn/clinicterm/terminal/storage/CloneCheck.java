package vn.clinicterm.terminal.storage;

/** What was done against cloned chips: Chip Authentication, Active Authentication, or nothing. */
public enum CloneCheck {
    CA,
    AA,
    NONE
}
