/**
 * The terminal's screens without JavaFX: view models that turn card events, staff intents and background work into
 * immutable state snapshots a view renders, each running its card, network and database calls on an injected
 * {@link vn.clinicterm.terminal.app.TaskExecutor}.
 *
 * <ul>
 *   <li>{@link vn.clinicterm.terminal.app.ReceptionViewModel} — the counter: consent confirmed, access key or MRZ,
 *       read, verification, eligibility and check-in, as {@link vn.clinicterm.terminal.app.ReceptionState} and
 *       {@link vn.clinicterm.terminal.app.Cue}s ({@link vn.clinicterm.terminal.app.CueTones} sounds them); it goes
 *       through {@link vn.clinicterm.terminal.reception.Reception} (consent policy, stored visit, events for the
 *       hospital system).
 *   <li>{@link vn.clinicterm.terminal.app.LoginViewModel} — name and password against the visit log's accounts
 *       (lockout after wrong passwords, an administrator's lock told apart), or the first administrator account.
 *   <li>{@link vn.clinicterm.terminal.app.AuditorViewModel} — visit search, signed CSV/PDF export, verification of an
 *       exported file and of the audit chain.
 *   <li>{@link vn.clinicterm.terminal.app.AdminViewModel} — readers, trust store and import, sync status with "sync
 *       now" and a retry per dead letter, the staff accounts (add, lock, unlock, new password), the settings in force.
 * </ul>
 *
 * <p>Who logged in decides the screens: a {@link vn.clinicterm.terminal.app.TerminalSession} per login offers those of
 * the user's {@link vn.clinicterm.terminal.app.TerminalScreen}s and makes their view models through
 * {@link vn.clinicterm.terminal.app.TerminalModels}. At a real counter that is
 * {@link vn.clinicterm.terminal.app.TerminalEnvironment}: the PC/SC readers, the data directory's visit log and trust
 * store, and the layered configuration (terminal id, consent policy of the facility type, sync and check-in workers,
 * the hand-off API). In the demo it is {@link vn.clinicterm.terminal.app.TerminalDemo} over a
 * {@link vn.clinicterm.terminal.app.DemoEnvironment}: a virtual reader with synthetic cards, an embedded central-sim,
 * the hand-off API on loopback and a temporary data directory, every screen open without a login.
 */
package vn.clinicterm.terminal.app;
