/**
 * The reception flow without JavaFX: {@link vn.clinicterm.terminal.app.ReceptionViewModel} turns card events, reads,
 * verification, eligibility and check-ins into immutable {@link vn.clinicterm.terminal.app.ReceptionState} snapshots
 * that a view renders; every card, network and database call runs on an injected
 * {@link vn.clinicterm.terminal.app.TaskExecutor}. {@link vn.clinicterm.terminal.app.DemoEnvironment} wires the same
 * flow to a virtual reader, synthetic cards, an embedded central-sim and a temporary data directory.
 */
package vn.clinicterm.terminal.app;
