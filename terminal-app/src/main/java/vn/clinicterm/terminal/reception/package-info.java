/**
 * The counter's check-in flow as an application service (issue 9): consent policy, storing the visit, and the event
 * stream of its stages that the hand-off API and screens subscribe to. No UI and no I/O of its own.
 */
package vn.clinicterm.terminal.reception;
