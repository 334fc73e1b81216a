/**
 * Wires sync-client into the terminal: configuration from the terminal's properties file, the environment and flags
 * ({@link vn.clinicterm.terminal.sync.SyncSettings}); the background workers ({@link
 * vn.clinicterm.terminal.sync.TerminalSync}) — the sync worker over the visit log's outbox and, beside it, the BHXH
 * check-in worker ({@link vn.clinicterm.terminal.checkin.CheckInWorker}); and eligibility answers written back into
 * visits ({@link vn.clinicterm.terminal.sync.VisitEligibilityListener}).
 */
package vn.clinicterm.terminal.sync;
