/**
 * Wires sync-client into the terminal: configuration from the terminal's properties file, the environment and flags
 * ({@link vn.clinicterm.terminal.sync.SyncSettings}); the worker over the visit log's outbox
 * ({@link vn.clinicterm.terminal.sync.TerminalSync}); and eligibility answers written back into visits
 * ({@link vn.clinicterm.terminal.sync.VisitEligibilityListener}).
 */
package vn.clinicterm.terminal.sync;
