package vn.clinicterm.terminal.storage;

import java.time.Instant;

/** What {@link Accounts#authenticate} decided. Every outcome is also an audit-log entry. */
public sealed interface LoginOutcome {
    record Authenticated(User user) implements LoginOutcome {}

    /** Unknown user or wrong password: the caller must not say which. */
    record Rejected() implements LoginOutcome {}

    /** Too many consecutive failures: no password is checked until {@code until}. */
    record LockedOut(Instant until) implements LoginOutcome {}
}
