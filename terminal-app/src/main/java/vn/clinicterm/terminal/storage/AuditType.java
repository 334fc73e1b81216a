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
    SETTINGS_CHANGE,
    /** Reading a chip was refused because the patient's consent was not recorded (issue 9). */
    CONSENT_REFUSED,
    /** Consent recorded for a visit after it was stored (e.g. confirmed at a second counter). */
    CONSENT_RECORDED,
    /** A patient withdrew consent: their visits were purged (the entry holds counts, never the ID number). */
    CONSENT_WITHDRAWN,
    HANDOFF_TOKEN,
    /** A hospital system used the hand-off API. */
    HANDOFF_ACCESS,
    /** A BHXH check-in record (XML0) was accepted or refused by the gateway. */
    CHECKIN,
    /** An administrator locked a staff account (it stays locked until unlocked). */
    USER_LOCKED,
    /** An administrator unlocked a staff account (an administrator's lock or a lockout after failed logins). */
    USER_UNLOCKED,
    /** An administrator set a new password for a staff account (the password is never recorded). */
    PASSWORD_RESET,
    /** An administrator put a dead letter of the sync outbox back in the queue. */
    OUTBOX_REQUEUED,
    /**
     * Staff copied a checked-in patient's line to the clipboard for a hospital system without an integration: personal
     * data left the app (the entry holds the visit id, the terminal and the field names, never the values).
     */
    PATIENT_LINE_COPIED
}
