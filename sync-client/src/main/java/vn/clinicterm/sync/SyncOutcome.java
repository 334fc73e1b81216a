package vn.clinicterm.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What happened to one write (one outbox entry). */
public sealed interface SyncOutcome {

    /**
     * The server has the record. {@code duplicate} is true when it already had it from an earlier attempt whose
     * response we lost — a success, not an error.
     */
    record Delivered(boolean duplicate) implements SyncOutcome {}

    /** Try again later, reusing the same idempotency key; not before {@code retryAfter} if the server said so. */
    record RetryLater(SyncError error) implements SyncOutcome {
        public RetryLater {
            Objects.requireNonNull(error, "error");
        }

        public Optional<Duration> retryAfter() {
            return error.retryAfter();
        }
    }

    /** The server will never accept this entry as it is: it goes to the dead-letter list shown to IT. */
    record Rejected(SyncError error) implements SyncOutcome {
        public Rejected {
            Objects.requireNonNull(error, "error");
        }
    }

    /** Classifies a failure: retryable kinds become {@link RetryLater}, the rest {@link Rejected}. */
    static SyncOutcome failure(SyncError error) {
        return error.retryable() ? new RetryLater(error) : new Rejected(error);
    }
}
