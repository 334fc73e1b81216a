package vn.clinicterm.terminal.selftest;

import java.time.Duration;
import java.util.Objects;

/**
 * One check's result.
 *
 * @param name the check, e.g. {@code database}
 * @param detail one line for people; names files, readers, URLs — never personal data or secrets
 * @param elapsed how long the check took
 */
public record CheckResult(String name, CheckStatus status, String detail, Duration elapsed) {

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    static CheckResult ok(String name, String detail) {
        return new CheckResult(name, CheckStatus.OK, detail, Duration.ZERO);
    }

    static CheckResult fail(String name, String detail) {
        return new CheckResult(name, CheckStatus.FAIL, detail, Duration.ZERO);
    }

    static CheckResult skip(String name, String detail) {
        return new CheckResult(name, CheckStatus.SKIP, detail, Duration.ZERO);
    }

    CheckResult took(Duration d) {
        return new CheckResult(name, status, detail, d);
    }
}
