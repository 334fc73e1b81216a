/**
 * The reception flow without JavaFX: {@link vn.clinicterm.terminal.app.ReceptionViewModel} turns card events, staff
 * intents (consent confirmed, access key or MRZ, check in), reads, verification, eligibility and check-ins into
 * immutable {@link vn.clinicterm.terminal.app.ReceptionState} snapshots that a view renders and
 * {@link vn.clinicterm.terminal.app.Cue}s that {@link vn.clinicterm.terminal.app.CueTones} sounds; it goes through
 * {@link vn.clinicterm.terminal.reception.Reception} (consent policy, stored visit, events for the hospital system).
 * Every card, network and database call runs on an injected {@link vn.clinicterm.terminal.app.TaskExecutor}.
 * {@link vn.clinicterm.terminal.app.DemoEnvironment} wires the same flow to a virtual reader, synthetic cards, an
 * embedded central-sim, the hand-off API on loopback and a temporary data directory.
 */
package vn.clinicterm.terminal.app;
