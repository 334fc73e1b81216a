package vn.clinicterm.terminal.selftest;

import java.util.List;
import java.util.Optional;

/** Every check's result, in a fixed order (configuration first). */
public record SelfTestReport(List<CheckResult> checks) {

    public SelfTestReport {
        checks = List.copyOf(checks);
    }

    /** No check failed (skipped ones are fine). */
    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL);
    }

    /** The configuration check did not fail. */
    public boolean configurationValid() {
        return check(ConfigurationCheck.NAME).map(c -> c.status() != CheckStatus.FAIL).orElse(true);
    }

    public Optional<CheckResult> check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
