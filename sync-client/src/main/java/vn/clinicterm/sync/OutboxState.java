package vn.clinicterm.sync;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A snapshot of the outbox for status screens and {@code clinicterm sync status}.
 *
 * @param queued waiting to be sent (including those waiting for a retry time)
 * @param deadLetters entries the server refused for good, for IT to look at; reasons carry no personal data
 */
public record OutboxState(
        int queued, int inFlight, int done, Optional<Instant> lastSuccess, List<DeadLetter> deadLetters) {

    public OutboxState {
        Objects.requireNonNull(lastSuccess, "lastSuccess");
        deadLetters = List.copyOf(deadLetters);
    }

    /** Nothing left to send (dead letters do not count: they wait for a person). */
    public boolean drained() {
        return queued == 0 && inFlight == 0;
    }

    public record DeadLetter(UUID idempotencyKey, OutboxEntry.Kind kind, Instant at, String reason) {}
}
