/**
 * How the visit log works inside: SQLite connections and migrations, field encryption and the key file, the audit
 * hash chain and its signed head, password hashing, and the export writers. Nothing here is API.
 */
package vn.clinicterm.terminal.storage.internal;
