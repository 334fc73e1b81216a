package vn.clinicterm.terminal.storage;

/**
 * Argon2id parameters for new password hashes (existing hashes keep the parameters they were made with).
 * {@link #STANDARD} is m = 64 MiB, t = 3, p = 1 (about 0.2–0.4 s on a reception PC); {@link #FOR_TESTS} is cheap and
 * only for tests.
 */
public record PasswordHashing(int memoryKiB, int iterations, int parallelism) {
    public static final PasswordHashing STANDARD = new PasswordHashing(64 * 1024, 3, 1);
    public static final PasswordHashing FOR_TESTS = new PasswordHashing(256, 1, 1);

    public PasswordHashing {
        if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2id needs m >= 8p KiB, t >= 1, p >= 1");
        }
    }
}
