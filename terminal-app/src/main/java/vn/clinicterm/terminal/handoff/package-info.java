/**
 * The local hand-off API (issue 9 §2): an HTTP server on the JDK's {@code com.sun.net.httpserver}, loopback by
 * default, with per-client tokens; the current patient, an event stream (Server-Sent Events), the hospital system's
 * visit data for the check-in record, and a FHIR R4 view ({@link vn.clinicterm.terminal.handoff.FhirView}). The
 * contract is {@code handoff-api-v1.yaml} beside this package's resources; a client example is in
 * {@code docs/handoff.md}. {@link vn.clinicterm.terminal.handoff.PatientLine} formats the clipboard line for systems
 * without an integration.
 */
package vn.clinicterm.terminal.handoff;
