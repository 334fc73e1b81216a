/**
 * The BHXH check-in record "XML0" (issue 9 §3, QĐ 4750 → QĐ 3176): built from a visit and what the hospital system
 * supplied, checked against the field rules shared with central-sim ({@link vn.clinicterm.sync.Xml0Format}), refused
 * locally with the field named, and sent to the gateway's {@code checkInKcbQd<decision>} call; the transaction code is
 * stored on the visit. XML-DSig signing in {@code CHUKYDONVI} is not implemented yet: records are sent unsigned.
 */
package vn.clinicterm.terminal.checkin;
