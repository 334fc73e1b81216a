package vn.clinicterm.terminal.storage;

/**
 * The visit log could not do its job (disk, database or key file malfunction, a ciphertext that no longer
 * authenticates). Outcomes such as a duplicate or a refused check-in are values, not exceptions. Messages name the
 * table, column, row or file involved and never contain personal data.
 */
public class StorageException extends RuntimeException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
