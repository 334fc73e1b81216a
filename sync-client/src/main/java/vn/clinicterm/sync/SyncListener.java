package vn.clinicterm.sync;

import java.util.UUID;

/**
 * Hears what the {@link SyncWorker} does. Called on the worker's thread: implementations must be quick, must not throw
 * and must not call back into the worker; a UI hops to its own thread.
 */
public interface SyncListener {

    SyncListener NONE = new SyncListener() {};

    /** A queued eligibility check got a definitive answer (or a permanent error): update the visit, tell the UI. */
    default void eligibilityResolved(String visitId, EligibilityResult result) {}

    /** An entry went to the dead-letter list. */
    default void deadLettered(UUID key, OutboxEntry.Kind kind, String reason) {}

    /** A round finished; {@code state} is fresh. */
    default void roundFinished(OutboxState state) {}
}
