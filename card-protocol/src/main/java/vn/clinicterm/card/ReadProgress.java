package vn.clinicterm.card;

/**
 * Receives a read's progress on the reading thread. Implementations are quick, never throw and never call back into
 * the reader; a UI hops to its own thread itself.
 */
@FunctionalInterface
public interface ReadProgress {

    void step(ReadStep step);

    /** The identity as soon as DG13 and DG1 are parsed, before the photo and security data. */
    default void identity(CitizenIdentity identity) {}

    ReadProgress NONE = step -> {};
}
