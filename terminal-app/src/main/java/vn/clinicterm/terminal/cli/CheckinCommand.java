package vn.clinicterm.terminal.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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
import vn.clinicterm.terminal.checkin.CheckInWorker;
import vn.clinicterm.terminal.checkin.GatewayCheckIn;
import vn.clinicterm.terminal.checkin.HisVisitData;
import vn.clinicterm.terminal.checkin.PasswordSource;
import vn.clinicterm.terminal.checkin.SigningSettings;
import vn.clinicterm.terminal.checkin.Xml0Builder;
import vn.clinicterm.terminal.checkin.Xml0Record;
import vn.clinicterm.terminal.checkin.Xml0Signer;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigFiles;
import vn.clinicterm.terminal.config.TerminalConfig;
import vn.clinicterm.terminal.storage.CheckInStatus;
import vn.clinicterm.terminal.storage.CheckIns;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitRecord;

/** {@code clinicterm checkin xml0|send|list|run}: the BHXH check-in record (XML0) of a visit (issue 9 §3). */
@Command(name = "checkin", mixinStandardHelpOptions = true,
        description = "The BHXH check-in record (XML0) of a visit: print it, send it to the gateway, list the check-in"
                + " outbox, or drain it.",
        subcommands = {CheckinCommand.Xml0.class, CheckinCommand.Send.class, CheckinCommand.ListRecords.class,
                CheckinCommand.Run.class})
final class CheckinCommand implements Runnable {

    static final String SETTINGS_FOOTER = "%nThe gateway and facility come from the sync configuration (see"
            + " clinicterm sync run --help): sync.url, sync.facilityCode, sync.username (default <facility>_BV),"
            + " sync.password, sync.callTimeout, and its TLS keys sync.trustedCerts, sync.pins, sync.clientCert."
            + " The same file may hold checkin.province, checkin.decision and the signing key:"
            + " checkin.signing.keyStore (PKCS#12), checkin.signing.password (file:PATH or env:NAME),"
            + " checkin.signing.alias; flags override them. The visit needs the HIS data (POST /v1/visits/{id}/his).";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(Cli.out());
    }

    /**
     * Everything the check-in verbs need to reach the gateway, in one mixin: the sync configuration (file,
     * environment, {@code --config}, {@code --central-url}, {@code --facility-code}, with its TLS keys), the province
     * and decision version, and the facility's signing key. Configuration errors are printed naming the key or flag and end
     * the verb with exit code 54.
     */
    static final class GatewayOptions {
        @Mixin
        SyncOptions sync;

        @Option(names = "--province", paramLabel = "CODE",
                description = "maTinh, the 2-digit province code (default: checkin.province, else the facility code's"
                        + " first two characters)")
        String province;

        @Option(names = "--decision", paramLabel = "3176|4750",
                description = "the check-in decision version in the gateway path (default: checkin.decision, else"
                        + " 3176)")
        Integer decision;

        @Option(names = "--sign-keystore", paramLabel = "FILE",
                description = "sign in CHUKYDONVI with the facility's key from this PKCS#12 file (overrides"
                        + " checkin.signing.keyStore)")
        Path signKeyStore;

        @Option(names = "--sign-password", paramLabel = "file:PATH|env:NAME",
                description = "where the PKCS#12 password is (overrides checkin.signing.password)")
        String signPassword;

        @Option(names = "--sign-alias", paramLabel = "NAME",
                description = "the key's alias when the file holds several (overrides checkin.signing.alias)")
        String signAlias;

        /** The loaded configuration and the settings built from it. */
        record Gateway(SyncConfig config, CheckInSettings settings) {}

        @FunctionalInterface
        interface Body {
            int run(VisitLog log, Gateway gateway) throws IOException;
        }

        /**
         * Loads the configuration, then runs {@code body} with the visit log open ({@link StaffLogin#run}).
         *
         * @param send the verb sends: the gateway password is required and the signing key, when configured, is opened
         */
        int run(String verb, StaffLogin login, boolean send, Body body) {
            Gateway g;
            try {
                g = load(send, Clock.systemUTC());
            } catch (SyncConfigException e) {
                Cli.err().println("clinicterm " + verb + ": " + e.getMessage());
                return SyncExitCodes.CONFIG;
            }
            return login.run(verb, send, log -> body.run(log, g));
        }

        /** @throws SyncConfigException naming the key or flag that is missing or wrong */
        Gateway load(boolean send, Clock clock) {
            SyncConfig c = sync.load();
            Properties props = properties();
            String maTinh = province != null ? province
                    : Optional.ofNullable(props.getProperty("checkin.province")).map(String::strip)
                            .orElse(c.facilityCode().substring(0, 2));
            if (!maTinh.matches("\\d{2}")) {
                throw new SyncConfigException(province != null ? "--province" : "checkin.province",
                        "must be 2 digits");
            }
            int version;
            if (decision != null) {
                version = decision;
            } else {
                String v = Optional.ofNullable(props.getProperty("checkin.decision")).map(String::strip).orElse("3176");
                try {
                    version = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    throw new SyncConfigException("checkin.decision", "must be 3176 or 4750");
                }
            }
            if (version != CheckInSettings.DECISION_3176 && version != CheckInSettings.DECISION_4750) {
                throw new SyncConfigException(decision != null ? "--decision" : "checkin.decision",
                        "must be 3176 or 4750");
            }
            if (send && c.password().isEmpty()) {
                throw new SyncConfigException("sync.password", "required to send check-in records");
            }
            CheckInSettings settings = new CheckInSettings(c.baseUrl(), c.gatewayUsername(), c.password().orElse(""),
                    maTinh, c.facilityCode(), version, "01", "1.1", c.callTimeout());
            if (send) {
                Optional<SigningSettings> signing = signing(props);
                if (signing.isPresent()) {
                    try {
                        settings = settings.withSigner(signing.get().open(System.getenv(), clock));
                    } catch (Xml0Signer.SigningException e) {
                        throw new SyncConfigException(signKeyStore != null ? "--sign-keystore"
                                : SigningSettings.KEY_STORE, e.getMessage());
                    }
                }
            }
            return new Gateway(c, settings);
        }

        /** Opens the signing key even for a verb that does not send (for {@code xml0 --signed}). */
        Xml0Signer signer(Clock clock) {
            Optional<SigningSettings> signing = signing(properties());
            if (signing.isEmpty()) {
                throw new SyncConfigException(SigningSettings.KEY_STORE, "is required to sign (or --sign-keystore)");
            }
            try {
                return signing.get().open(System.getenv(), clock);
            } catch (Xml0Signer.SigningException e) {
                throw new SyncConfigException(signKeyStore != null ? "--sign-keystore" : SigningSettings.KEY_STORE,
                        e.getMessage());
            }
        }

        private Optional<SigningSettings> signing(Properties props) {
            Properties p = new Properties();
            for (String k : List.of(SigningSettings.KEY_STORE, SigningSettings.PASSWORD, SigningSettings.ALIAS)) {
                if (props.getProperty(k) != null) {
                    p.setProperty(k, props.getProperty(k));
                }
            }
            if (signKeyStore != null) {
                p.setProperty(SigningSettings.KEY_STORE, signKeyStore.toString());
            }
            if (signPassword != null) {
                try {
                    PasswordSource.parse(signPassword);
                } catch (IllegalArgumentException e) {
                    throw new SyncConfigException("--sign-password", e.getMessage());
                }
                p.setProperty(SigningSettings.PASSWORD, signPassword);
            }
            if (signAlias != null) {
                p.setProperty(SigningSettings.ALIAS, signAlias);
            }
            return SigningSettings.fromProperties(p);
        }

        /**
         * The {@code checkin.*} keys in effect, from the same layered configuration the sync configuration comes from
         * (system-wide file, the terminal's file or {@code --config}, environment).
         */
        private Properties properties() {
            Map<String, String> env = System.getenv();
            Path file = sync.config != null ? sync.config : AppDirectories.from(env).config();
            Properties props = new Properties();
            TerminalConfig.builder().files(ConfigFiles.from(env).withTerminal(file)).environment(env).load()
                    .texts("checkin.").forEach(props::setProperty);
            return props;
        }
    }

    @Command(name = "xml0", mixinStandardHelpOptions = true,
            description = "Prints the visit's XML0 (UTF-8; unsigned unless --signed). A record that breaks a field rule"
                    + " is not printed; the broken fields are named on stderr (never their values).",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:printed", "2:bad options", VisitLogExitCodes.STORAGE_LINE,
                    VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE, SyncExitCodes.CONFIG_LINE,
                    ReceptionExitCodes.NOT_FOUND_LINE, ReceptionExitCodes.XML0_INVALID_LINE},
            footer = SETTINGS_FOOTER)
    static final class Xml0 implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Mixin
        GatewayOptions gateway;

        @Option(names = "--visit", required = true, paramLabel = "ID", description = "the visit")
        long visitId;

        @Option(names = "--signed", description = "sign it with the facility's key, as check-in sending does")
        boolean signed;

        @Override
        public Integer call() {
            Optional<Xml0Signer> signer = Optional.empty();
            if (signed) {
                try {
                    signer = Optional.of(gateway.signer(Clock.systemUTC()));
                } catch (SyncConfigException e) {
                    Cli.err().println("clinicterm checkin xml0: " + e.getMessage());
                    return SyncExitCodes.CONFIG;
                }
            }
            Optional<Xml0Signer> sign = signer;
            return gateway.run("checkin xml0", login, false, (log, g) -> {
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
                        HisVisitData.fromJson(his.get()), g.settings(), log.zone());
                if (!r.sendable()) {
                    for (Xml0Format.Violation v : r.violations()) {
                        Cli.err().println("clinicterm checkin xml0: visit " + visitId + " breaks " + v.field() + " ("
                                + v.rule() + "): " + v.message());
                    }
                    return ReceptionExitCodes.XML0_INVALID;
                }
                byte[] xml = r.xml();
                if (sign.isPresent()) {
                    try {
                        xml = sign.get().sign(xml);
                    } catch (Xml0Signer.SigningException e) {
                        Cli.err().println("clinicterm checkin xml0: " + SigningSettings.KEY_STORE + ": "
                                + e.getMessage());
                        return SyncExitCodes.CONFIG;
                    }
                }
                Cli.out().println(new String(xml, StandardCharsets.UTF_8));
                return ExitCodes.OK;
            });
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Sends the visit's XML0 to the gateway's check-in call (signed when a signing key is"
                    + " configured) and stores its maGiaoDich and thoiGianTiepNhan on the visit; prints the"
                    + " maGiaoDich.",
                    "A record that breaks a field rule is refused here, before anything is sent, and becomes a dead"
                            + " letter; one the gateway did not answer stays pending in the check-in outbox."},
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
        GatewayOptions gateway;

        @Option(names = "--visit", required = true, paramLabel = "ID", description = "the visit")
        long visitId;

        @Override
        public Integer call() {
            return gateway.run("checkin send", login, true, (log, g) -> {
                User u = login.require(log, Role.Permission.CHECK_IN, "checkin send");
                try (GatewayCheckIn gw = GatewayCheckIn.forConfig(g.settings(), g.config(), Clock.systemUTC())) {
                    CheckInSender sender = new CheckInSender(log, g.settings(), gw);
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
                            Cli.err().println("clinicterm checkin send: the gateway refused visit " + id + ": "
                                    + reason);
                            yield ReceptionExitCodes.REFUSED_BY_GATEWAY;
                        }
                        case CheckInSender.Result.Deferred d -> {
                            Cli.err().println("clinicterm checkin send: no answer from the gateway (" + d.reason()
                                    + "); visit " + d.visitId() + " stays queued");
                            yield ReceptionExitCodes.DEFERRED;
                        }
                        case CheckInSender.Result.NotFound(long id, String what) -> {
                            Cli.err().println("clinicterm checkin send: visit " + id + ": no " + what);
                            yield ReceptionExitCodes.NOT_FOUND;
                        }
                    };
                } catch (SyncConfigException e) {
                    Cli.err().println("clinicterm checkin send: " + e.getMessage());
                    return SyncExitCodes.CONFIG;
                }
            });
        }
    }

    /** What {@code --state} accepts: the outbox's names for the stored states. */
    enum Filter {
        PENDING(Optional.of(CheckInStatus.State.QUEUED)),
        SENT(Optional.of(CheckInStatus.State.SENT)),
        DEAD(Optional.of(CheckInStatus.State.REFUSED)),
        ALL(Optional.empty());

        final Optional<CheckInStatus.State> state;

        Filter(Optional<CheckInStatus.State> state) {
            this.state = state;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists the check-in outbox, newest visit first: pending records (QUEUED: waiting for the"
                    + " gateway, with attempts and the next try), sent ones (SENT: maGiaoDich, thoiGianTiepNhan) and"
                    + " dead letters (REFUSED: refused for good, with the fields and rules at fault; fix the HIS data"
                    + " and run checkin send --visit ID to try again). Visit ids only, no personal data."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:listed", "2:bad options", VisitLogExitCodes.STORAGE_LINE,
                    VisitLogExitCodes.LOGIN_LINE, VisitLogExitCodes.PERMISSION_LINE})
    static final class ListRecords implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Option(names = "--state", paramLabel = "pending|sent|dead|all", defaultValue = "all",
                description = "which records (default ${DEFAULT-VALUE})")
        Filter filter;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "at most this many (default ${DEFAULT-VALUE})")
        int limit;

        @Option(names = "--json", description = "print one JSON object: counts and records")
        boolean json;

        @Override
        public Integer call() {
            if (limit < 1) {
                Cli.err().println("clinicterm checkin list: --limit must be positive");
                return ExitCodes.USAGE;
            }
            return login.run("checkin list", false, log -> {
                login.require(log, Role.Permission.VIEW_TODAY, "checkin list");
                CheckIns outbox = CheckIns.of(log);
                List<CheckIns.Entry> entries = outbox.list(filter.state, limit);
                Map<CheckInStatus.State, Long> counts = outbox.counts();
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("pending", counts.get(CheckInStatus.State.QUEUED));
                    out.put("sent", counts.get(CheckInStatus.State.SENT));
                    out.put("dead", counts.get(CheckInStatus.State.REFUSED));
                    List<Map<String, Object>> records = new ArrayList<>();
                    for (CheckIns.Entry e : entries) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("visitId", e.visitId());
                        m.put("state", e.state().name());
                        m.put("attempts", e.attempts());
                        m.put("nextAttemptAt", e.nextAttemptAt().map(Object::toString).orElse(null));
                        m.put("updatedAt", e.updatedAt().map(Object::toString).orElse(null));
                        m.put("maGiaoDich", e.maGiaoDich().orElse(null));
                        m.put("thoiGianTiepNhan", e.thoiGianTiepNhan().orElse(null));
                        m.put("error", e.error().orElse(null));
                        records.add(m);
                    }
                    out.put("records", records);
                    Cli.out().println(Json.object(out));
                    return ExitCodes.OK;
                }
                Cli.out().println("pending " + counts.get(CheckInStatus.State.QUEUED) + ", sent "
                        + counts.get(CheckInStatus.State.SENT) + ", dead " + counts.get(CheckInStatus.State.REFUSED));
                for (CheckIns.Entry e : entries) {
                    String detail = switch (e.state()) {
                        case SENT -> e.maGiaoDich().orElse("") + " at " + e.thoiGianTiepNhan().orElse("?");
                        case QUEUED -> "attempts " + e.attempts()
                                + e.nextAttemptAt().map(t -> ", next " + t).orElse(", due now")
                                + e.error().map(x -> " (" + x + ")").orElse("");
                        case REFUSED -> e.error().orElse("");
                        case NONE -> "";
                    };
                    Cli.out().printf("%-8d %-8s %s%n", e.visitId(), label(e.state()), detail);
                }
                return ExitCodes.OK;
            });
        }

        private static String label(CheckInStatus.State s) {
            return switch (s) {
                case QUEUED -> "pending";
                case SENT -> "sent";
                case REFUSED -> "dead";
                case NONE -> "-";
            };
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Sends the pending check-in records until none is left or the timeout passes, as the"
                    + " terminal's background worker does: a record the gateway did not answer waits its backoff"
                    + " (never less than Retry-After), a refused one becomes a dead letter."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:nothing is pending any more (dead letters aside)", "2:bad options",
                    VisitLogExitCodes.READ_ONLY_LINE, VisitLogExitCodes.STORAGE_LINE, VisitLogExitCodes.LOGIN_LINE,
                    VisitLogExitCodes.PERMISSION_LINE, SyncExitCodes.CONFIG_LINE,
                    "55:records are still pending after the timeout (gateway down?); they stay queued"},
            footer = SETTINGS_FOOTER)
    static final class Run implements Callable<Integer> {
        @Mixin
        StaffLogin login;

        @Mixin
        GatewayOptions gateway;

        @Option(names = "--timeout", paramLabel = "S", defaultValue = "60",
                description = "give up after this many seconds (default ${DEFAULT-VALUE})")
        long timeoutSeconds;

        @Override
        public Integer call() {
            if (timeoutSeconds <= 0) {
                Cli.err().println("clinicterm checkin run: --timeout must be positive");
                return ExitCodes.USAGE;
            }
            return gateway.run("checkin run", login, true, (log, g) -> {
                User u = login.require(log, Role.Permission.CHECK_IN, "checkin run");
                Clock clock = Clock.systemUTC();
                try (GatewayCheckIn gw = GatewayCheckIn.forConfig(g.settings(), g.config(), clock)) {
                    CheckInSender sender = new CheckInSender(log, g.settings(), gw, clock, g.config().backoff(),
                            new java.util.Random());
                    CheckInWorker worker = CheckInWorker.builder().sender(sender).clock(clock)
                            .backoff(g.config().backoff()).actor(u.name()).build();
                    boolean drained = worker.drain(Duration.ofSeconds(timeoutSeconds));
                    Map<CheckInStatus.State, Long> counts = sender.outbox().counts();
                    Cli.out().println("pending " + counts.get(CheckInStatus.State.QUEUED) + ", sent "
                            + counts.get(CheckInStatus.State.SENT) + ", dead "
                            + counts.get(CheckInStatus.State.REFUSED));
                    worker.lastError().ifPresent(e -> Cli.out().println("last error: " + e));
                    return drained ? ExitCodes.OK : SyncExitCodes.NOT_DRAINED;
                } catch (SyncConfigException e) {
                    Cli.err().println("clinicterm checkin run: " + e.getMessage());
                    return SyncExitCodes.CONFIG;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return SyncExitCodes.NOT_DRAINED;
                }
            });
        }
    }
}
