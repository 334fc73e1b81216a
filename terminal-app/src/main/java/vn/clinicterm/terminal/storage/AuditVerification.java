package vn.clinicterm.terminal.storage;

/** What {@link VisitLog#verifyAudit()} found: an intact chain, or the first broken entry named. */
public sealed interface AuditVerification {

    /**
     * Every entry links to the one before and matches its hash.
     *
     * @param anchorChecked whether the signed head file was there to rule out truncation of the newest entries
     */
    record Intact(long entries, ChainHead head, boolean anchorChecked) implements AuditVerification {}

    /**
     * The chain is broken at entry {@code seq}.
     *
     * @param message for people: names the entry and what is wrong with it
     */
    record Broken(long seq, Problem problem, String message) implements AuditVerification {}

    enum Problem {
        /** The entry's contents no longer match its hash. */
        EDITED,
        /** The entry is missing from the middle of the chain. */
        DELETED,
        /** The entry is intact but in the wrong place. */
        REORDERED,
        /** The entry does not link to its predecessor and is not found elsewhere in the chain. */
        BROKEN_LINK,
        /** Entries the signed head vouches for are gone from the end. */
        TRUNCATED,
        /** The chain up to the signed head was recomputed: the head's hash differs. */
        REWRITTEN,
        /** The signed head file is not signed by this terminal's key. */
        ANCHOR_INVALID
    }

    default boolean intact() {
        return this instanceof Intact;
    }
}
