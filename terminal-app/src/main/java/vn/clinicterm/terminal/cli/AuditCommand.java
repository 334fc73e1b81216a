package vn.clinicterm.terminal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.clinicterm.terminal.storage.AuditVerification;
import vn.clinicterm.terminal.storage.Role;

/** {@code clinicterm audit}: the tamper-evident audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit log.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Cli.out());
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks every entry's hash and link, and the signed chain head (truncation).",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:the chain is intact", "2:bad options",
                    "42:the chain is broken (the entry and what is wrong on stderr)", VisitLogExitCodes.STORAGE_LINE,
                    VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE})
    static final class Verify implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Override
        public Integer call() {
            return login.run("audit verify", false, log -> {
                login.require(log, Role.Permission.VERIFY_AUDIT, "audit verify");
                return switch (log.verifyAudit()) {
                    case AuditVerification.Intact ok -> {
                        Cli.out().println("audit log intact: " + ok.entries() + " entries, head " + ok.head().seq()
                                + " " + ok.head().hash() + (ok.anchorChecked() ? ", matches the signed head"
                                        : " (no signed head file: truncation not checked)"));
                        yield ExitCodes.OK;
                    }
                    case AuditVerification.Broken broken -> {
                        Cli.err().println("clinicterm audit verify: " + broken.message());
                        yield VisitLogExitCodes.AUDIT_BROKEN;
                    }
                };
            });
        }
    }
}
