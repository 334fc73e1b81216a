package vn.clinicterm.terminal.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.AccessKeys;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.CardServiceUnavailableException;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.ChipReader;
import vn.clinicterm.card.CitizenIdentity;
import vn.clinicterm.card.FaceImage;
import vn.clinicterm.card.LdsParsers;
import vn.clinicterm.card.Parsed;
import vn.clinicterm.card.ReadOutcome;
import vn.clinicterm.card.ReadProgress;
import vn.clinicterm.card.verify.VerificationReport;
import vn.clinicterm.sync.SyncConfigException;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.ConfigException;
import vn.clinicterm.terminal.config.ConfigFiles;
import vn.clinicterm.terminal.config.ConfigKeys;
import vn.clinicterm.terminal.config.TerminalConfig;

/** {@code clinicterm read}: reads the card in a reader and prints the identity. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = "Reads the CCCD in a reader (PACE with the CAN, BAC with the MRZ data) and prints the identity.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:read", "2:bad options (e.g. a malformed ID, CAN or QR)", "10:card service not running",
            "11:no such reader / no reader attached", "12:no card in the reader (after --wait)",
            "13:the chip refused the access key", "14:the card was removed during the read",
            "15:the card's data is malformed", "16:the read failed for another reason (message on stderr)",
            VisitLogExitCodes.READ_ONLY_LINE, VisitLogExitCodes.STORAGE_LINE, VisitLogExitCodes.LOGIN_LINE,
            VisitLogExitCodes.PERMISSION_LINE, SyncExitCodes.CONFIG_LINE + " (--check-in)"},
        footer = {"%nWith --check-in the visit is recorded with the clinic's KCB facility code from the sync"
            + " configuration (sync.facilityCode in clinicterm.properties or --config, CLINICTERM_FACILITY_CODE,"
            + " --facility-code), as sync run uses it. A terminal without a sync configuration records visits"
            + " without one (a note on stderr says so)."})
final class ReadCommand implements Callable<Integer> {

    @Option(names = "--reader", paramLabel = "NAME", description = "reader name (default: the first reader)")
    String reader;

    @ArgGroup(exclusive = true, multiplicity = "1")
    KeyOptions key;

    static final class KeyOptions {
        @Option(names = "--can", paramLabel = "6DIGITS", description = "card access number (last 6 ID digits)")
        String can;

        @Option(names = "--id", paramLabel = "12DIGITS", description = "the 12-digit ID number (CAN = last 6)")
        String id;

        @Option(names = "--qr", paramLabel = "STRING", description = "the text of the card's front QR code")
        String qr;

        @ArgGroup(exclusive = false)
        MrzOptions mrz;
    }

    static final class MrzOptions {
        @Option(names = "--mrz-doc", required = true, paramLabel = "N", description = "MRZ document number")
        String documentNumber;

        @Option(names = "--dob", required = true, paramLabel = "YYMMDD", description = "date of birth")
        String dateOfBirth;

        @Option(names = "--expiry", required = true, paramLabel = "YYMMDD", description = "date of expiry")
        String dateOfExpiry;
    }

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--photo", paramLabel = "FILE", description = "save the face image (JPEG or JPEG 2000 as stored)")
    Path photo;

    @Option(names = "--evidence", paramLabel = "FILE", description = "save the raw chip evidence for re-verification")
    Path evidence;

    @Option(names = "--store", paramLabel = "DIR",
            description = "trust store for the verification (default: the data directory's 'trust', first"
                    + " provisioned from trust.anchors when that is set)")
    Path store;

    @Option(names = "--lang", paramLabel = "vi|en", defaultValue = "vi", description = "language of the verdict")
    String lang;

    @Option(names = "--check-in",
            description = "record the visit in the visit log (needs --user; the password comes from --password-file or"
                    + " standard input)")
    boolean checkIn;

    @Option(names = "--override",
            description = "with --check-in: record a card that failed verification (an explicit staff decision)")
    boolean override;

    @picocli.CommandLine.Mixin
    StaffLogin login = new StaffLogin();

    @picocli.CommandLine.Mixin
    SyncOptions sync = new SyncOptions();

    /** With {@code --check-in}: the facility code, resolved before the card is read. */
    private String checkInFacility;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "wait this long for a card to be put on the reader (default ${DEFAULT-VALUE})")
    int waitSeconds;

    @Override
    public Integer call() {
        AccessKey accessKey;
        try {
            accessKey = accessKey();
        } catch (IllegalArgumentException e) {
            Cli.err().println("clinicterm read: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (checkIn) {
            // before the card is touched: a visit that cannot be recorded is not worth reading for
            try {
                checkInFacility = resolveFacility();
            } catch (StaffLogin.Exit e) {
                return e.code;
            }
        }
        CardTerminal terminal;
        try {
            terminal = CardReaders.platform().terminal(reader);
        } catch (CardServiceUnavailableException e) {
            Cli.err().println("clinicterm read: " + e.getMessage());
            return ExitCodes.NO_CARD_SERVICE;
        }
        if (terminal == null) {
            Cli.err().println("clinicterm read: " + (reader == null ? "no card reader attached"
                    : "no reader named '" + reader + "' (see 'clinicterm readers')"));
            return ExitCodes.NO_READER;
        }
        if (waitSeconds > 0) {
            try {
                terminal.waitForCardPresent(waitSeconds * 1000L);
            } catch (CardException e) {
                Cli.err().println("clinicterm read: reader " + terminal.getName() + " failed: " + e.getMessage());
                return ExitCodes.READ_FAILED;
            }
        }
        ReadOutcome outcome = ChipReader.builder().build().read(terminal, accessKey, ReadProgress.NONE);
        return switch (outcome) {
            case ReadOutcome.Success s -> report(s.evidence(), s.identity());
            case ReadOutcome.NoCard n -> fail(ExitCodes.NO_CARD, "no card in reader " + n.reader());
            case ReadOutcome.WrongAccessKey w -> fail(ExitCodes.WRONG_KEY, "the chip refused the access key ("
                    + w.method() + ", status " + String.format("%04X", w.statusWord() & 0xFFFF)
                    + "): check the CAN / ID number, or the date of birth and expiry");
            case ReadOutcome.AccessNotPossible a -> fail(ExitCodes.WRONG_KEY, a.reason());
            case ReadOutcome.CardLost l -> fail(ExitCodes.CARD_LOST, "the card was removed during the read"
                    + (l.lastCompletedStep() == null ? "" : " (after " + l.lastCompletedStep() + ")")
                    + "; nothing was recorded: put it back and read again");
            case ReadOutcome.Malformed m -> {
                saveEvidence(m.evidence());
                yield fail(ExitCodes.MALFORMED, "the card's " + m.fileId() + " is malformed: " + m.reason());
            }
            case ReadOutcome.Failed f -> fail(ExitCodes.READ_FAILED, "the read failed " + f.reason());
        };
    }

    private AccessKey accessKey() {
        if (key.can != null) {
            return new AccessKey.Can(key.can.trim());
        } else if (key.id != null) {
            return AccessKeys.fromIdNumber(key.id);
        } else if (key.qr != null) {
            return AccessKeys.fromQr(key.qr);
        }
        return AccessKeys.fromMrzFields(key.mrz.documentNumber, key.mrz.dateOfBirth, key.mrz.dateOfExpiry);
    }

    private int fail(int code, String message) {
        Cli.err().println("clinicterm read: " + message);
        return code;
    }

    private int report(ChipEvidence evidence, CitizenIdentity identity) {
        if (!saveEvidence(evidence)) {
            return ExitCodes.READ_FAILED;
        }
        if (photo != null) {
            Optional<byte[]> dg2 = evidence.dataGroupBytes(2);
            Parsed<FaceImage> face = dg2.map(LdsParsers::dg2).orElse(null);
            if (face instanceof Parsed.Ok<FaceImage> ok) {
                try {
                    Files.write(photo, ok.value().bytes());
                } catch (IOException e) {
                    Cli.err().println("clinicterm read: cannot write " + photo + ": " + e.getMessage());
                    return ExitCodes.READ_FAILED;
                }
            } else {
                Cli.err().println("clinicterm read: the card has no readable face image; no photo written");
            }
        }
        VerificationReport verification;
        try {
            verification = VerifyCommand.verifier(store, null, "clinicterm read").verify(evidence);
        } catch (IOException e) {
            Cli.err().println("clinicterm read: the card was read but cannot be verified: " + e.getMessage());
            return VerifyCommand.STORE_UNUSABLE;
        }
        Map<String, Object> visit = null;
        if (checkIn) {
            try {
                visit = checkIn(evidence, identity, verification);
            } catch (StaffLogin.Exit e) {
                return e.code;
            }
        }
        if (json) {
            Map<String, Object> out = toJson(evidence, identity);
            out.put("verification", VerificationJson.toMap(verification));
            if (visit != null) {
                out.put("visit", visit);
            }
            Cli.out().println(Json.object(out));
        } else {
            Cli.out().println(verification.simpleReport("en".equals(lang) ? java.util.Locale.ENGLISH
                    : vn.clinicterm.card.verify.SimpleReport.VIETNAMESE).text());
            Cli.out().println(identity.fullName());
            Cli.out().println("ID " + identity.idNumber() + ", born " + identity.dateOfBirth().map(LocalDate::toString).orElse("?") + ", "
                    + identity.gender());
            Cli.out().println("access " + evidence.access() + ", chip authentication "
                    + evidence.chipAuthentication().label() + ", " + evidence.stats().apdus() + " APDUs in "
                    + evidence.stats().millis() + " ms");
        }
        return ExitCodes.OK;
    }

    /**
     * The facility code visits are recorded with: the sync configuration's, as {@code sync run} and the counter app
     * use it. When the terminal has no sync configuration at all ({@code sync.url} unset) the flag, the environment
     * or the file may still name the facility; without any, visits are recorded without one, as before sync was set
     * up. A configuration that is present but wrong is an error naming the key.
     *
     * @throws SyncConfigException naming the key at fault
     */
    String facilityCode(Map<String, String> env) {
        try {
            return sync.load().facilityCode();
        } catch (SyncConfigException e) {
            if (!e.key().equals("sync.url") || sync.centralUrl != null) {
                throw e;
            }
        }
        // sync is not set up on this terminal: take the facility code alone, from the same layers
        String code = sync.facilityCode;
        if (code == null) {
            Path file = sync.config != null ? sync.config : AppDirectories.from(env).config();
            code = TerminalConfig.builder().files(ConfigFiles.from(env).withTerminal(file)).environment(env).load()
                    .text(ConfigKeys.SYNC_FACILITY_CODE).orElse("");
        }
        code = code.strip();
        if (!code.isEmpty() && !code.matches("[0-9A-Za-z]{5}")) {
            throw new SyncConfigException("sync.facilityCode", "must be 5 letters or digits");
        }
        return code;
    }

    private String resolveFacility() {
        String facility;
        try {
            facility = facilityCode(System.getenv());
        } catch (SyncConfigException e) {
            Cli.err().println("clinicterm read: " + e.getMessage() + "; nothing recorded");
            throw new StaffLogin.Exit(SyncExitCodes.CONFIG, "config");
        }
        if (facility.isEmpty()) {
            Cli.err().println("clinicterm read: no facility code configured (sync.facilityCode or --facility-code);"
                    + " the visit is recorded without one");
        }
        return facility;
    }

    /** The visit log to record in, with the facility code of {@link #facilityCode}. */
    vn.clinicterm.terminal.storage.VisitLog openForCheckIn() {
        String facility = checkInFacility != null ? checkInFacility : resolveFacility();
        try {
            return SyncCommand.open(login.db, facility);
        } catch (ConfigException e) {
            Cli.err().println("clinicterm read: " + e.getMessage() + "; nothing recorded");
            throw new StaffLogin.Exit(SyncExitCodes.CONFIG, "config");
        }
    }

    /** Records the visit (and its sync outbox entry, in one transaction); returns the JSON member describing it. */
    private Map<String, Object> checkIn(ChipEvidence evidence, CitizenIdentity identity, VerificationReport report) {
        try (vn.clinicterm.terminal.storage.VisitLog log = openForCheckIn()) {
            vn.clinicterm.terminal.storage.User staff =
                    login.require(log, vn.clinicterm.terminal.storage.Role.Permission.CHECK_IN, "read --check-in");
            vn.clinicterm.terminal.storage.CheckIn.Builder in = vn.clinicterm.terminal.storage.CheckIn.builder()
                    .identity(identity)
                    .staffUser(staff.name())
                    .verification(vn.clinicterm.terminal.storage.Indication.valueOf(report.indication().name()),
                            report.subIndication().map(Enum::name).orElse(""),
                            report.checks().stream().filter(c -> c.status().name().equals("FAILED"))
                                    .map(c -> c.id().id()).toList())
                    .accessMethod(evidence.access())
                    .cloneCheck(vn.clinicterm.terminal.storage.CloneCheck.valueOf(
                            evidence.chipAuthentication().label()), cloneCheckPassed(report));
            if (override) {
                in.overrideByStaff();
            }
            Map<String, Object> visit = new LinkedHashMap<>();
            switch (log.recordVisit(in.build())) {
                case vn.clinicterm.terminal.storage.RecordOutcome.Recorded r -> {
                    visit.put("recorded", true);
                    visit.put("visitId", r.visitId());
                }
                case vn.clinicterm.terminal.storage.RecordOutcome.Duplicate d -> {
                    visit.put("recorded", false);
                    visit.put("duplicateOf", d.existingVisitId());
                }
                case vn.clinicterm.terminal.storage.RecordOutcome.RefusedUnverified r -> {
                    Cli.err().println("clinicterm read: the card failed verification (" + r.indication() + " "
                            + r.subIndication() + "); not recorded — add --override to record it as a staff decision");
                    throw new StaffLogin.Exit(VisitLogExitCodes.NOT_PERMITTED, "refused");
                }
                case vn.clinicterm.terminal.storage.RecordOutcome.ReadOnly ro -> {
                    Cli.err().println("clinicterm read: the visit log is read-only (" + ro.reason() + ")");
                    throw new StaffLogin.Exit(VisitLogExitCodes.READ_ONLY, "read-only");
                }
            }
            return visit;
        }
    }

    /** Whether the verifier accepted the clone check (CA confirmed or AA signature valid, covered by the SOD). */
    private static boolean cloneCheckPassed(VerificationReport report) {
        return report.checks().stream().anyMatch(
                c -> c.id().id().equals("chip.authentication") && c.status().name().equals("PASSED"));
    }

    private boolean saveEvidence(ChipEvidence e) {
        if (evidence == null) {
            return true;
        }
        try (OutputStream out = Files.newOutputStream(evidence, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            e.writeTo(out);
            return true;
        } catch (IOException ex) {
            Cli.err().println("clinicterm read: cannot write evidence to " + evidence + ": " + ex.getMessage());
            return false;
        }
    }

    static Map<String, Object> toJson(ChipEvidence evidence, CitizenIdentity identity) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("idNumber", identity.idNumber());
        id.put("fullName", identity.fullName());
        id.put("dateOfBirth", identity.dateOfBirth().map(LocalDate::toString).orElse(null));
        id.put("gender", identity.gender());
        id.put("nationality", identity.nationality());
        id.put("placeOfOrigin", identity.placeOfOrigin());
        id.put("residence", identity.residence());
        id.put("issueDate", identity.issueDate().map(LocalDate::toString).orElse(null));
        id.put("expiryDate", identity.expiryDate().map(LocalDate::toString).orElse(null));
        id.put("oldIdNumber", identity.oldIdNumber().orElse(null));
        Map<String, Object> mrz = new LinkedHashMap<>();
        mrz.put("documentNumber", identity.mrz().documentNumber());
        mrz.put("dateOfBirth", identity.mrz().dateOfBirth());
        mrz.put("dateOfExpiry", identity.mrz().dateOfExpiry());
        mrz.put("name", identity.mrz().name());
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("apdus", evidence.stats().apdus());
        stats.put("bytes", evidence.stats().wireBytes());
        stats.put("millis", evidence.stats().millis());
        stats.put("millisToIdentity", evidence.stats().millisToIdentity());
        stats.put("extendedLength", evidence.stats().extendedLength());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("identity", id);
        json.put("mrz", mrz);
        json.put("access", evidence.access().name());
        json.put("chipAuthentication", evidence.chipAuthentication().label());
        json.put("chipAuthenticationConfirmed", switch (evidence.chipAuthentication()) {
            case vn.clinicterm.card.ChipAuthentication.Ca ca -> ca.confirmed();
            default -> null;
        });
        json.put("stats", stats);
        return json;
    }
}
