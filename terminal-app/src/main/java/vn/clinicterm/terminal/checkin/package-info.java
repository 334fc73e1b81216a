/**
 * The BHXH check-in record "XML0" (issue 9 §3, QĐ 4750 → QĐ 3176): built from a visit and what the hospital system
 * supplied ({@link vn.clinicterm.terminal.checkin.Xml0Builder}), checked against the field rules shared with
 * central-sim ({@link vn.clinicterm.sync.Xml0Format}) and refused locally with the field named, signed with the
 * facility's certificate in {@code CHUKYDONVI} when a key is configured
 * ({@link vn.clinicterm.terminal.checkin.Xml0Signer}: XML-DSig with SHA-256, from the JDK), and sent to the
 * gateway's {@code checkInKcbQd<decision>} call ({@link vn.clinicterm.terminal.checkin.GatewayCheckIn}) through the
 * visit database's durable check-in outbox ({@link vn.clinicterm.terminal.storage.CheckIns}):
 * {@link vn.clinicterm.terminal.checkin.CheckInSender} sends one record and stores the outcome,
 * {@link vn.clinicterm.terminal.checkin.CheckInWorker} drains the outbox on a schedule with backoff and
 * {@code Retry-After}; refused records become dead letters.
 */
package vn.clinicterm.terminal.checkin;
