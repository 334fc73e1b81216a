package vn.clinicterm.terminal.gui;

import javafx.scene.Parent;
import javafx.scene.input.KeyEvent;

/**
 * One screen of the terminal window (login, reception, auditor, admin): its node tree in the current language, its
 * keyboard shortcuts, and its listener on a view model, removed by {@link #dispose()}.
 */
interface Screen {

    Parent root();

    /** Handles a key pressed anywhere in the window while this screen shows; consumes what it uses. */
    void shortcut(KeyEvent e);

    /** Puts the keyboard focus where work starts on this screen (called when it is shown). */
    void focus();

    /** Stops rendering: the screen is being replaced (other language, logout) or the window closed. */
    void dispose();
}
