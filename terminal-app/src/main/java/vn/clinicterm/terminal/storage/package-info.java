/**
 * The visit log (issue 5): {@link vn.clinicterm.terminal.storage.VisitLog} stores check-ins durably in one SQLite
 * file (WAL, {@code synchronous=FULL}), each with its sync outbox entry and audit entry in one transaction; personal
 * data is AES-GCM encrypted per column with the row bound in, the ID number also HMAC'd for lookups, under keys kept in
 * a key file outside the database. The audit log is a hash chain with a signed head
 * ({@code docs/decisions/0004-audit-chain.md}); {@link vn.clinicterm.terminal.storage.Accounts} holds staff accounts
 * (Argon2id, lockout); {@link vn.clinicterm.terminal.storage.Exports} writes and verifies auditors' signed CSV/PDF
 * exports. This is the only package that touches {@code java.sql}.
 */
package vn.clinicterm.terminal.storage;
