package vn.clinicterm.card;

/** How a read ended. Outcomes, not exceptions: a wrong key or a card pulled away is part of a normal day. */
public sealed interface ReadOutcome {

    /** Every file read; the identity parsed. Genuineness is for the verifier to say. */
    record Success(ChipEvidence evidence, CitizenIdentity identity) implements ReadOutcome {}

    /** The chip refused the access key (PACE or BAC failed with the given status word). */
    record WrongAccessKey(AccessMethod method, int statusWord) implements ReadOutcome {}

    /** The key cannot open this chip at all (e.g. a CAN for a chip that only does BAC). */
    record AccessNotPossible(String reason) implements ReadOutcome {}

    /** The card left the reader during {@code step}; nothing of this read is kept. */
    record CardLost(ReadStep lastCompletedStep) implements ReadOutcome {}

    /** No card in the reader. */
    record NoCard(String reader) implements ReadOutcome {}

    /** A file could not be parsed; what was read is kept for IT. */
    record Malformed(String fileId, String reason, ChipEvidence evidence) implements ReadOutcome {}

    /** The chip or reader did something unexpected ({@code reason} names the step and status word). */
    record Failed(String reason) implements ReadOutcome {}
}
