package vn.clinicterm.terminal.app;

/**
 * A sound the counter makes so staff need not look at the screen: one for "done, all good", one for "look here". The
 * view model emits them ({@link ReceptionViewModel#addCueListener}); {@link CueTones} plays them.
 */
public enum Cue {
    /** Checked in, or a card verified and its holder insured. */
    SUCCESS,
    /** Anything that needs staff: a failed read or verification, no insurance, consent missing, a refused check-in. */
    ATTENTION
}
