package vn.clinicterm.terminal.cli;

/** Exit codes of the issue 9 verbs ({@code consent}, {@code handoff}, {@code checkin}); 0 and 2 as everywhere. */
final class ReceptionExitCodes {
    /** The visit, the hospital system's data for it, or the named client token does not exist. */
    static final int NOT_FOUND = 60;
    /** {@code checkin}: the XML0 breaks a field rule (the fields are named on stderr); nothing was sent. */
    static final int XML0_INVALID = 61;
    /** {@code checkin send}: the gateway refused the record (its reason on stderr). */
    static final int REFUSED_BY_GATEWAY = 62;
    /** {@code checkin send}: the gateway did not answer; the record stays queued for the next drain. */
    static final int DEFERRED = 63;
    /** The thing exists already: a consent on the visit, a client of that name. */
    static final int CONFLICT = 64;
    /** {@code handoff serve}: the port cannot be bound. */
    static final int LISTEN_FAILED = 65;

    static final String NOT_FOUND_LINE = "60:no such visit, hospital-system data or client";
    static final String XML0_INVALID_LINE = "61:the XML0 breaks a field rule (fields named on stderr); nothing sent";
    static final String REFUSED_LINE = "62:the gateway refused the record (reason on stderr)";
    static final String DEFERRED_LINE = "63:the gateway did not answer; the record stays queued";
    static final String CONFLICT_LINE = "64:already exists (a consent on the visit, a client of that name)";
    static final String LISTEN_LINE = "65:the port cannot be bound";

    private ReceptionExitCodes() {}
}
