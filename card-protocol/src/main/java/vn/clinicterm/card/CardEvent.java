package vn.clinicterm.card;

/**
 * What happens at the readers, as {@link CardReaders#watch} reports it. Sealed: a new kind of event is a compile
 * error wherever events are handled.
 */
public sealed interface CardEvent {

    /** The card service (pcscd / WinSCard) cannot be reached; {@code reason} says why, for IT. */
    record ServiceUnavailable(String reason) implements CardEvent {}

    /** The card service is reachable (again). */
    record ServiceAvailable() implements CardEvent {}

    record ReaderAttached(String reader) implements CardEvent {}

    record ReaderDetached(String reader) implements CardEvent {}

    record CardInserted(String reader) implements CardEvent {}

    record CardRemoved(String reader) implements CardEvent {}
}
