package vn.clinicterm.terminal.storage;

/** Whether the visit log can record visits. READ_ONLY means it failed its startup check: offer restore from backup. */
public sealed interface Health {
    record Ok() implements Health {}

    /** @param reason for people; names the check that failed, never personal data */
    record ReadOnly(String reason) implements Health {}
}
