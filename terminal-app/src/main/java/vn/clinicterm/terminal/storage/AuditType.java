package vn.clinicterm.terminal.storage;

/** What an audit-log entry records. Stored by name: never rename a constant, only add. */
public enum AuditType {
    VISIT,
    VERIFICATION_FAILURE,
    ELIGIBILITY_UPDATE,
    EXPORT,
    PURGE,
    TRUST_UPDATE,
    LOGIN_SUCCESS,
    LOGIN_FAILURE,
    LOGIN_LOCKOUT,
    USER_ADDED,
    PASSWORD_CHANGED,
    KEY_ROTATION,
    BACKUP,
    RESTORE,
    SETTINGS_CHANGE
}
