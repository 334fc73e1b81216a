package vn.clinicterm.terminal.cli;

/** Exit codes of the visit-log verbs (visits, audit, db, users); 0 and 2 as everywhere. */
final class VisitLogExitCodes {
    /** The database failed its integrity check and is open read-only: restore it from a backup. */
    static final int READ_ONLY = 40;
    /** The database, the key file or an output file could not be used (message on stderr). */
    static final int STORAGE_FAILED = 41;
    /** {@code audit verify}: the chain is broken (the entry is named on stderr). */
    static final int AUDIT_BROKEN = 42;
    /** {@code visits verify-export}: the export or its manifest fails verification. */
    static final int EXPORT_INVALID = 43;
    /** Wrong user or password, or the account is locked. */
    static final int LOGIN_FAILED = 44;
    /** The user's role does not allow the verb. */
    static final int NOT_PERMITTED = 45;

    static final String READ_ONLY_LINE = "40:the database failed its integrity check and is read-only (restore a backup)";
    static final String STORAGE_LINE = "41:the database, key file or output file cannot be used";
    static final String LOGIN_LINE = "44:wrong user name or password, or the account is locked";
    static final String PERMISSION_LINE = "45:the user's role does not allow this";

    private VisitLogExitCodes() {}
}
