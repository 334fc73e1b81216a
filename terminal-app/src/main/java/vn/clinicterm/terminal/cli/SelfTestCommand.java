package vn.clinicterm.terminal.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.clinicterm.terminal.selftest.CheckResult;
import vn.clinicterm.terminal.selftest.SelfTest;
import vn.clinicterm.terminal.selftest.SelfTestReport;

/** {@code clinicterm self-test}: is this machine ready for the counter? One line per check. */
@Command(name = "self-test", mixinStandardHelpOptions = true,
        description = {"Checks that this machine is ready: the configuration (every layer, naming the files), JavaFX"
                + " (skipped when headless), the crypto providers (ECDSA over brainpoolP512r1 with BouncyCastle), the"
                + " visit database (opened, quick_check; created on a fresh install), the trust store (loaded, CSCAs,"
                + " CRL freshness), the card service and its readers, and the central service (when sync.url is set).",
                "Prints one line per check: OK, FAIL or SKIP, the check's name, and a detail.",
                "Uses the data directory and the configuration files of the environment it runs in"
                        + " (CLINICTERM_HOME, CLINICTERM_SYSTEM_CONFIG; see docs/configuration.md)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:no check failed (skipped checks are fine)", "2:bad options",
                SelfTestCommand.CHECK_FAILED + ":a check failed",
                SelfTestCommand.CONFIG_INVALID + ":the configuration is invalid (the key and its file are named;"
                        + " the other checks still ran)"})
final class SelfTestCommand implements Callable<Integer> {

    /** A check other than the configuration failed. */
    static final int CHECK_FAILED = 70;
    /** The configuration check failed (whatever else failed: it is the first thing to fix). */
    static final int CONFIG_INVALID = 71;

    @Option(names = "--json", description = "print one JSON object: passed, exitCode, and the checks"
            + " (name, status, detail, millis)")
    boolean json;

    private final Map<String, String> env;

    SelfTestCommand() {
        this(System.getenv());
    }

    /** For tests: run against this environment instead of the process's. */
    SelfTestCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        SelfTestReport report = SelfTest.builder().environment(env).build().run();
        int exit = exitCode(report);
        if (json) {
            List<Map<String, Object>> checks = new ArrayList<>();
            for (CheckResult c : report.checks()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                m.put("status", c.status().name());
                m.put("detail", c.detail());
                m.put("millis", c.elapsed().toMillis());
                checks.add(m);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("passed", report.passed());
            out.put("exitCode", exit);
            out.put("checks", checks);
            Cli.out().println(Json.object(out));
        } else {
            for (CheckResult c : report.checks()) {
                Cli.out().printf("%-4s  %-15s  %s%n", c.status(), c.name(), c.detail());
            }
        }
        return exit;
    }

    static int exitCode(SelfTestReport report) {
        if (!report.configurationValid()) {
            return CONFIG_INVALID;
        }
        return report.passed() ? ExitCodes.OK : CHECK_FAILED;
    }
}
