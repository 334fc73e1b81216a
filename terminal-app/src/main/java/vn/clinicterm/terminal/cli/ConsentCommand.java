package vn.clinicterm.terminal.cli;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.clinicterm.terminal.consent.ConsentNotice;
import vn.clinicterm.terminal.storage.Consent;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.WithdrawalResult;

/** {@code clinicterm consent notice|record|withdraw}: the patient's consent to reading the chip (issue 9 §1). */
@Command(name = "consent", mixinStandardHelpOptions = true,
        description = "The patient's consent to reading the chip: the notice, recording it, withdrawing it.",
        subcommands = {ConsentCommand.Notice.class, ConsentCommand.RecordConsent.class, ConsentCommand.Withdraw.class})
final class ConsentCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Cli.out());
    }

    enum Lang { vi, en }

    @Command(name = "notice", mixinStandardHelpOptions = true,
            description = "Prints the notice staff read to the patient, and its version.",
            exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:printed", "2:bad options"})
    static final class Notice implements Callable<Integer> {
        @Option(names = "--lang", defaultValue = "vi", paramLabel = "vi|en",
                description = "the notice's language (default ${DEFAULT-VALUE})")
        Lang lang;

        @Override
        public Integer call() {
            Locale locale = Locale.of(lang.name());
            Cli.out().println(ConsentNotice.text(locale));
            Cli.out().println("(" + ConsentNotice.displayText(locale) + ")");
            Cli.out().println("version " + ConsentNotice.version());
            return ExitCodes.OK;
        }
    }

    @Command(name = "record", mixinStandardHelpOptions = true,
            description = "Records that the patient agreed, on a visit stored without a consent (the acting staff"
                    + " member confirms; stored with the current notice version and in the audit chain).",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:recorded", "2:bad options", VisitLogExitCodes.READ_ONLY_LINE,
                    VisitLogExitCodes.STORAGE_LINE, VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE,
                    ReceptionExitCodes.NOT_FOUND_LINE, ReceptionExitCodes.CONFLICT_LINE})
    static final class RecordConsent implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Option(names = "--visit", required = true, paramLabel = "ID", description = "the visit")
        long visitId;

        @Option(names = "--purpose", paramLabel = "P", defaultValue = ConsentNotice.PURPOSE,
                description = "what the patient agreed to (default ${DEFAULT-VALUE})")
        String purpose;

        @Override
        public Integer call() {
            if (purpose.isBlank() || purpose.length() > 64) {
                Cli.err().println("clinicterm consent record: --purpose must be 1-64 characters");
                return ExitCodes.USAGE;
            }
            return login.run("consent record", true, log -> {
                User u = login.require(log, Role.Permission.CHECK_IN, "consent record");
                if (log.visit(visitId).isEmpty()) {
                    Cli.err().println("clinicterm consent record: no visit " + visitId);
                    return ReceptionExitCodes.NOT_FOUND;
                }
                Consent consent = new Consent(purpose.strip(), ConsentNotice.version(), u.name(), Instant.now());
                if (!log.attachConsent(visitId, consent)) {
                    Cli.err().println("clinicterm consent record: visit " + visitId + " already has a consent");
                    return ReceptionExitCodes.CONFLICT;
                }
                Cli.out().println("consent recorded on visit " + visitId + " (notice " + consent.noticeVersion()
                        + ", staff " + u.name() + ")");
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = {"The patient withdrew consent: deletes every visit of this ID number, overwriting it,"
                    + " and records the count in the audit chain (admin).",
                    "Prints counts only; the ID number is neither printed nor logged."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:withdrawn (also when nothing was stored)", "2:bad options",
                    VisitLogExitCodes.READ_ONLY_LINE, VisitLogExitCodes.STORAGE_LINE, VisitLogExitCodes.LOGIN_LINE,
                    VisitLogExitCodes.PERMISSION_LINE})
    static final class Withdraw implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Option(names = "--id", required = true, paramLabel = "12DIGITS", description = "the patient's ID number")
        String idNumber;

        @Override
        public Integer call() {
            if (!idNumber.matches("\\d{12}")) {
                Cli.err().println("clinicterm consent withdraw: --id must be 12 digits");
                return ExitCodes.USAGE;
            }
            return login.run("consent withdraw", true, log -> {
                User u = login.require(log, Role.Permission.PURGE, "consent withdraw");
                WithdrawalResult r = log.withdrawConsent(idNumber, u.name());
                Cli.out().println("consent withdrawn: deleted " + r.visitIdsDeleted().size()
                        + " visit(s); the withdrawal is recorded in the audit chain");
                return ExitCodes.OK;
            });
        }
    }
}
