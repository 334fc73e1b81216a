package vn.clinicterm.terminal.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.clinicterm.terminal.storage.ExportManifest;
import vn.clinicterm.terminal.storage.ExportRequest;
import vn.clinicterm.terminal.storage.ExportVerification;
import vn.clinicterm.terminal.storage.Exports;
import vn.clinicterm.terminal.storage.PurgeResult;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitSummary;

/** {@code clinicterm visits}: today's list, auditor exports and their verification, retention purge. */
@Command(name = "visits", mixinStandardHelpOptions = true,
        description = "The visit log: today's check-ins, exports for auditors, retention purge.",
        subcommands = {VisitsCommand.Today.class, VisitsCommand.Export.class, VisitsCommand.VerifyExport.class,
                VisitsCommand.Purge.class})
final class VisitsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Cli.out());
    }

    @Command(name = "today", mixinStandardHelpOptions = true,
            description = "Lists today's visits, newest first, with masked ID numbers.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:listed", "2:bad options", VisitLogExitCodes.STORAGE_LINE, VisitLogExitCodes.LOGIN_LINE,
                    VisitLogExitCodes.PERMISSION_LINE})
    static final class Today implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Option(names = "--json", description = "one JSON object per visit")
        boolean json;

        @Override
        public Integer call() {
            return login.run("visits today", false, log -> {
                login.require(log, Role.Permission.VIEW_TODAY, "visits today");
                DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(log.zone());
                for (VisitSummary v : log.today()) {
                    if (json) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("visitId", v.visitId());
                        m.put("time", v.time().toString());
                        m.put("idNumber", v.maskedIdNumber());
                        m.put("fullName", v.fullName());
                        m.put("verification", v.indication().name());
                        m.put("overrideByStaff", v.overrideByStaff());
                        m.put("cloneCheck", v.cloneCheck().name());
                        m.put("eligibility", v.eligibility().name());
                        Cli.out().println(Json.object(m));
                    } else {
                        Cli.out().printf("%s  %s  %-28s %s%s  %s%n", hm.format(v.time()), v.maskedIdNumber(),
                                v.fullName(), v.indication(), v.overrideByStaff() ? " (staff override)" : "",
                                v.eligibility());
                    }
                }
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Exports the visits of a date range for auditors, with a signed FILE.manifest.json.",
                    "CSV: UTF-8 with BOM, one row per visit, ID numbers masked unless --full-ids (recorded in the "
                            + "audit log). PDF: a summary for the clinic manager."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:exported", "2:bad options", VisitLogExitCodes.STORAGE_LINE,
                    VisitLogExitCodes.READ_ONLY_LINE, VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE})
    static final class Export implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Option(names = "--from", required = true, paramLabel = "DATE", description = "first day, YYYY-MM-DD")
        LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "DATE", description = "last day, YYYY-MM-DD")
        LocalDate to;

        @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|pdf", description = "csv (default) or pdf")
        ExportRequest.Format format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the export")
        Path out;

        @Option(names = "--full-ids", description = "full ID numbers instead of masked ones (recorded in the audit log)")
        boolean fullIds;

        @Override
        public Integer call() {
            if (to.isBefore(from)) {
                Cli.err().println("clinicterm visits export: --to is before --from");
                return ExitCodes.USAGE;
            }
            return login.run("visits export", true, log -> {
                User u = login.require(log, Role.Permission.EXPORT, "visits export");
                ExportManifest m = Exports.write(log, new ExportRequest(from, to, format, out,
                        fullIds ? ExportRequest.IdDisplay.FULL : ExportRequest.IdDisplay.MASKED, u.name()));
                Cli.out().println("exported " + m.rows() + " visits to " + out + " (" + m.format() + ", sha256 "
                        + m.sha256() + "); manifest " + out.getFileName() + ".manifest.json, audit entry "
                        + m.chainHead().seq());
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "verify-export", mixinStandardHelpOptions = true,
            description = "Checks an export against its FILE.manifest.json: signature, file hash and, where this "
                    + "terminal's key file is present, that this terminal signed it.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:the export is intact and signed", "2:bad options",
                    "43:the export or its manifest fails verification (reason on stderr)"})
    static final class VerifyExport implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "the exported file (its manifest is FILE.manifest.json)")
        Path file;

        @Option(names = "--db", paramLabel = "FILE",
                description = "the visit database whose key file names the expected signer (default: the data directory's)")
        Path db;

        @Override
        public Integer call() {
            Path database = db != null ? db : vn.clinicterm.terminal.config.AppDirectories.fromEnvironment().database();
            Path keyFile = VisitLog.defaultKeyFile(database.toAbsolutePath().resolveSibling("keys"));
            Optional<java.security.PublicKey> expected;
            try {
                expected = vn.clinicterm.terminal.storage.internal.KeyRing.existing(keyFile)
                        .map(k -> k.verifyingKey());
            } catch (RuntimeException e) {
                expected = Optional.empty();
            }
            ExportVerification result = Exports.verify(file, expected);
            return switch (result) {
                case ExportVerification.Valid(ExportManifest m, ExportVerification.Signer signer) -> {
                    Cli.out().println("export verified: " + file.getFileName() + ", " + m.rows() + " rows, "
                            + m.from() + " to " + m.to() + ", " + (m.fullIds() ? "full IDs" : "masked IDs")
                            + ", audit head " + m.chainHead().seq() + "/" + m.chainHead().hash().substring(0, 16)
                            + "…, signed by " + (signer == ExportVerification.Signer.THIS_TERMINAL
                                    ? "this terminal" : "terminal " + m.terminalId() + " (key not compared)"));
                    yield ExitCodes.OK;
                }
                case ExportVerification.Invalid(String reason) -> {
                    Cli.err().println("clinicterm visits verify-export: " + reason);
                    yield VisitLogExitCodes.EXPORT_INVALID;
                }
            };
        }
    }

    @Command(name = "purge", mixinStandardHelpOptions = true,
            description = "Deletes visits older than the retention period, overwriting them and truncating the WAL "
                    + "(admin).",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:purged", "2:bad options", VisitLogExitCodes.STORAGE_LINE,
                    VisitLogExitCodes.READ_ONLY_LINE, VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE})
    static final class Purge implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Option(names = "--older-than", required = true, paramLabel = "DAYS", description = "age in days")
        int days;

        @Override
        public Integer call() {
            if (days < 1) {
                Cli.err().println("clinicterm visits purge: --older-than must be at least 1 day");
                return ExitCodes.USAGE;
            }
            return login.run("visits purge", true, log -> {
                User u = login.require(log, Role.Permission.PURGE, "visits purge");
                PurgeResult r = log.purgeOlderThan(Duration.ofDays(days), u.name());
                Cli.out().println("purged " + r.visitsDeleted() + " visits recorded before "
                        + r.cutoff().atZone(ZoneId.systemDefault()).toLocalDateTime().withNano(0));
                return ExitCodes.OK;
            });
        }
    }
}
