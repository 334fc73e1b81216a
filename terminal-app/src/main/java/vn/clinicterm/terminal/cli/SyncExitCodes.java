package vn.clinicterm.terminal.cli;

/** Exit codes of the sync verbs ({@code eligibility}, {@code sync}); 0 and 2 as everywhere. */
final class SyncExitCodes {
    /** {@code eligibility}: the insurer says the card does not cover this visit. */
    static final int NOT_ELIGIBLE = 50;
    /** {@code eligibility}: the insurer has no such person. */
    static final int UNKNOWN_PERSON = 51;
    /** {@code eligibility}: no answer now (offline, server down); nothing is known about coverage. */
    static final int PENDING = 52;
    /** {@code eligibility}: the check failed in a way retrying will not fix (credentials, a bad reply). */
    static final int ERROR = 53;
    /** The sync configuration is missing or invalid (the key is named on stderr). */
    static final int CONFIG = 54;
    /** {@code sync run}: entries are still queued when the timeout passed (server down?); they stay queued. */
    static final int NOT_DRAINED = 55;

    static final String CONFIG_LINE = "54:the sync configuration is missing or invalid (the key is named)";
    static final String KEYS = "%nConfiguration (file clinicterm.properties in the data directory, or --config;"
            + " environment variables override the file, flags override both):%n"
            + "  sync.url           CLINICTERM_CENTRAL_URL     https://… (http:// only to loopback); required%n"
            + "  sync.facilityCode  CLINICTERM_FACILITY_CODE   the 5-character KCB facility code; required%n"
            + "  sync.provider      CLINICTERM_SYNC_PROVIDER   central (default) or bhxh%n"
            + "  sync.username / sync.password / sync.token    CLINICTERM_SYNC_USERNAME / _PASSWORD / _TOKEN%n"
            + "  sync.staffName / sync.staffId                 CLINICTERM_SYNC_STAFF_NAME / _STAFF_ID (bhxh)%n"
            + "  sync.trustedCerts  CLINICTERM_SYNC_TRUSTED_CERTS  PEM CA bundle to trust instead of the system's%n"
            + "  sync.pins, sync.clientCert, sync.clientCertPassword, sync.callTimeout, sync.batchSize:"
            + " see docs/operations.md";

    private SyncExitCodes() {}
}
