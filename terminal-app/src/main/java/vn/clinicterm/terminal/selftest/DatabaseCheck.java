package vn.clinicterm.terminal.selftest;

import java.nio.file.Files;
import java.nio.file.Path;
import vn.clinicterm.terminal.storage.Health;
import vn.clinicterm.terminal.storage.StorageException;
import vn.clinicterm.terminal.storage.VisitLog;

/**
 * The visit database in the data directory: opened as the app opens it (which runs {@code PRAGMA quick_check} and
 * migrates an older schema), created with its key file on a fresh install. A database whose key file is missing is
 * not opened: that would make a new key and leave the stored visits unreadable.
 */
final class DatabaseCheck implements Check {

    static final String NAME = "database";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(SelfTestContext context) {
        Path database = context.directories().database();
        Path keyFile = VisitLog.defaultKeyFile(context.directories().keys());
        boolean existed = Files.exists(database);
        if (existed && !Files.exists(keyFile)) {
            return CheckResult.fail(NAME, database + " exists but its key file " + keyFile + " is missing: restore the"
                    + " key file from the backup (not opened, so no new key was made)");
        }
        try (VisitLog log = VisitLog.builder().database(database).clock(context.clock()).open()) {
            return switch (log.health()) {
                case Health.Ok ok -> CheckResult.ok(NAME, (existed ? "" : "created (fresh install): ") + database
                        + " passes quick_check, audit head " + log.chainHead().seq());
                case Health.ReadOnly(String reason) -> CheckResult.fail(NAME, database + ": " + reason);
            };
        } catch (StorageException e) {
            return CheckResult.fail(NAME, database + ": " + e.getMessage());
        }
    }
}
