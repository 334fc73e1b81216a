package vn.clinicterm.terminal.cli;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncConfigException;
import vn.clinicterm.sync.Xml0Format;
import vn.clinicterm.terminal.checkin.CheckInSender;
import vn.clinicterm.terminal.checkin.CheckInSettings;
import vn.clinicterm.terminal.checkin.GatewayCheckIn;
import vn.clinicterm.terminal.checkin.HisVisitData;
import vn.clinicterm.terminal.checkin.Xml0Builder;
import vn.clinicterm.terminal.checkin.Xml0Record;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitRecord;

/** {@code clinicterm checkin xml0|send}: the BHXH check-in record (XML0) of a visit (issue 9 §3). */
@Command(name = "checkin", mixinStandardHelpOptions = true,
        description = "The BHXH check-in record (XML0) of a visit: print it, or send it to the gateway.",
        subcommands = {CheckinCommand.Xml0.class, CheckinCommand.Send.class})
final class CheckinCommand implements Runnable {

    static final String SETTINGS_FOOTER = "%nThe gateway and facility come from the sync configuration (see"
            + " clinicterm sync run --help): sync.url, sync.facilityCode, sync.username (default <facility>_BV),"
            + " sync.password, sync.callTimeout. The visit needs the HIS data (POST /v1/visits/{id}/his).";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Cli.out());
    }

    /** Options naming what the sync configuration does not hold: the province code and the decision version. */
    static final class GatewayOptions {
        @Option(names = "--province", paramLabel = "CODE",
                description = "maTinh, the 2-digit province code (default: the facility code's first two characters)")
        String province;

        @Option(names = "--decision", paramLabel = "3176|4750", defaultValue = "3176",
                description = "the check-in decision version in the gateway path (default ${DEFAULT-VALUE})")
        int decision;

        /** @throws SyncConfigException naming the key or flag that is missing or wrong */
        CheckInSettings settings(SyncConfig c, boolean needPassword) {
            String maTinh = province != null ? province : c.facilityCode().substring(0, 2);
            if (!maTinh.matches("\\d{2}")) {
                throw new SyncConfigException("--province", "must be 2 digits");
            }
            if (decision != CheckInSettings.DECISION_3176 && decision != CheckInSettings.DECISION_4750) {
                throw new SyncConfigException("--decision", "must be 3176 or 4750");
            }
            if (needPassword && c.password().isEmpty()) {
                throw new SyncConfigException("sync.password", "required to send check-in records");
            }
            return new CheckInSettings(c.baseUrl(), c.gatewayUsername(), c.password().orElse(""), maTinh,
                    c.facilityCode(), decision, "01", "1.1", c.callTimeout());
        }
    }

    @Command(name = "xml0", mixinStandardHelpOptions = true,
            description = "Prints the visit's XML0 (UTF-8, unsigned). A record that breaks a field rule is not"
                    + " printed; the broken fields are named on stderr (never their values).",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:printed", "2:bad options", VisitLogExitCodes.STORAGE_LINE,
                    VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE, SyncExitCodes.CONFIG_LINE,
                    ReceptionExitCodes.NOT_FOUND_LINE, ReceptionExitCodes.XML0_INVALID_LINE},
            footer = SETTINGS_FOOTER)
    static final class Xml0 implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Mixin
        SyncOptions sync;

        @Mixin
        GatewayOptions gateway;

        @Option(names = "--visit", required = true, paramLabel = "ID", description = "the visit")
        long visitId;

        @Override
        public Integer call() {
            CheckInSettings settings;
            try {
                settings = gateway.settings(sync.load(), false);
            } catch (SyncConfigException e) {
                Cli.err().println("clinicterm checkin xml0: " + e.getMessage());
                return SyncExitCodes.CONFIG;
            }
            return login.run("checkin xml0", false, log -> {
                login.require(log, Role.Permission.VIEW_TODAY, "checkin xml0");
                Optional<VisitRecord> visit = log.visit(visitId);
                if (visit.isEmpty()) {
                    Cli.err().println("clinicterm checkin xml0: no visit " + visitId);
                    return ReceptionExitCodes.NOT_FOUND;
                }
                Optional<String> his = log.hisData(visitId);
                if (his.isEmpty()) {
                    Cli.err().println("clinicterm checkin xml0: visit " + visitId
                            + " has no HIS data yet (POST /v1/visits/" + visitId + "/his)");
                    return ReceptionExitCodes.NOT_FOUND;
                }
                Xml0Record r = Xml0Builder.build(visit.get(), log.eligibilityDetails(visitId),
                        HisVisitData.fromJson(his.get()), settings, log.zone());
                if (!r.sendable()) {
                    for (Xml0Format.Violation v : r.violations()) {
                        Cli.err().println("clinicterm checkin xml0: visit " + visitId + " breaks " + v.field() + " ("
                                + v.rule() + "): " + v.message());
                    }
                    return ReceptionExitCodes.XML0_INVALID;
                }
                Cli.out().println(new String(r.xml(), StandardCharsets.UTF_8));
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Sends the visit's XML0 to the gateway's check-in call and stores its maGiaoDich and"
                    + " thoiGianTiepNhan on the visit; prints the maGiaoDich.",
                    "A record that breaks a field rule is refused here, before anything is sent."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:accepted (maGiaoDich on standard output)", "2:bad options",
                    VisitLogExitCodes.READ_ONLY_LINE, VisitLogExitCodes.STORAGE_LINE, VisitLogExitCodes.LOGIN_LINE,
                    VisitLogExitCodes.PERMISSION_LINE, SyncExitCodes.CONFIG_LINE, ReceptionExitCodes.NOT_FOUND_LINE,
                    ReceptionExitCodes.XML0_INVALID_LINE, ReceptionExitCodes.REFUSED_LINE,
                    ReceptionExitCodes.DEFERRED_LINE},
            footer = SETTINGS_FOOTER)
    static final class Send implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Mixin
        SyncOptions sync;

        @Mixin
        GatewayOptions gateway;

        @Option(names = "--visit", required = true, paramLabel = "ID", description = "the visit")
        long visitId;

        @Override
        public Integer call() {
            CheckInSettings settings;
            try {
                settings = gateway.settings(sync.load(), true);
            } catch (SyncConfigException e) {
                Cli.err().println("clinicterm checkin send: " + e.getMessage());
                return SyncExitCodes.CONFIG;
            }
            return login.run("checkin send", true, log -> {
                User u = login.require(log, Role.Permission.CHECK_IN, "checkin send");
                CheckInSender sender = new CheckInSender(log, settings,
                        new GatewayCheckIn(settings, GatewayCheckIn.defaultHttpClient(settings)));
                return switch (sender.send(visitId, u.name())) {
                    case CheckInSender.Result.Accepted(long id, String maGiaoDich, String at) -> {
                        Cli.out().println(maGiaoDich);
                        Cli.err().println("visit " + id + " checked in with BHXH at " + at);
                        yield ExitCodes.OK;
                    }
                    case CheckInSender.Result.RefusedLocally(long id, String violations) -> {
                        Cli.err().println("clinicterm checkin send: visit " + id + " not sent, it breaks "
                                + violations);
                        yield ReceptionExitCodes.XML0_INVALID;
                    }
                    case CheckInSender.Result.RefusedByGateway(long id, String reason) -> {
                        Cli.err().println("clinicterm checkin send: the gateway refused visit " + id + ": " + reason);
                        yield ReceptionExitCodes.REFUSED_BY_GATEWAY;
                    }
                    case CheckInSender.Result.Deferred(long id, String reason) -> {
                        Cli.err().println("clinicterm checkin send: no answer from the gateway (" + reason
                                + "); visit " + id + " stays queued");
                        yield ReceptionExitCodes.DEFERRED;
                    }
                    case CheckInSender.Result.NotFound(long id, String what) -> {
                        Cli.err().println("clinicterm checkin send: visit " + id + ": no " + what);
                        yield ReceptionExitCodes.NOT_FOUND;
                    }
                };
            });
        }
    }
}
