/**
 * The JavaFX terminal window: thin views over the {@code app} view models. A view sends intents and renders state
 * snapshots, hopping to the FX thread itself; it never reads a card, calls the network or opens the database.
 *
 * <p>{@link vn.clinicterm.terminal.gui.ReceptionWindow} is the window: a navigation bar over one screen at a time —
 * the login screen ({@link vn.clinicterm.terminal.gui.LoginView}) at a real counter, then the screens the user's role
 * allows: reception ({@link vn.clinicterm.terminal.gui.ReceptionScreen} over
 * {@link vn.clinicterm.terminal.gui.ReceptionView}), audit ({@link vn.clinicterm.terminal.gui.AuditorView}) and
 * administration ({@link vn.clinicterm.terminal.gui.AdminView}); the demo opens every screen without a login.
 * {@link vn.clinicterm.terminal.gui.ReceptionApp} and {@link vn.clinicterm.terminal.gui.Launcher} start it.
 *
 * <p>FXML, CSS and the message bundles sit beside the classes in resources: {@code messages.properties} (Vietnamese)
 * and {@code messages_en.properties} (English) for the reception screen, {@code admin.properties} and
 * {@code admin_en.properties} for the window's navigation and the login, auditor and admin screens.
 */
package vn.clinicterm.terminal.gui;
