package vn.clinicterm.terminal.app;

import vn.clinicterm.terminal.storage.User;

/**
 * Where a {@link TerminalSession} gets the view models of its screens: {@link TerminalEnvironment} at a real counter,
 * {@link TerminalDemo} in the demo.
 */
public interface TerminalModels {

    /**
     * Who acts on {@code screen} in a session of {@code loggedIn}: that user at a real counter; in the demo, the demo
     * account of the screen's role, so that the visit log's separation of duties holds there too.
     */
    User actor(TerminalScreen screen, User loggedIn);

    /** A reception view model acting as {@code actor}, not started. */
    ReceptionViewModel reception(User actor);

    /** Whether the session must close the reception view model it got (the demo's lives as long as the demo). */
    boolean sessionOwnsReception();

    AuditorViewModel auditor(User actor);

    AdminViewModel admin(User actor);
}
