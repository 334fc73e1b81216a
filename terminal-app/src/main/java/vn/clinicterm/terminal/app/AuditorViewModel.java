package vn.clinicterm.terminal.app;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import vn.clinicterm.terminal.app.AuditorState.ExportCheck;
import vn.clinicterm.terminal.app.AuditorState.ExportDone;
import vn.clinicterm.terminal.app.AuditorState.Message;
import vn.clinicterm.terminal.app.AuditorState.Permissions;
import vn.clinicterm.terminal.app.AuditorState.Row;
import vn.clinicterm.terminal.storage.AuditVerification;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.ExportManifest;
import vn.clinicterm.terminal.storage.ExportRequest;
import vn.clinicterm.terminal.storage.ExportVerification;
import vn.clinicterm.terminal.storage.Exports;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.Role.Permission;
import vn.clinicterm.terminal.storage.StorageException;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitQuery;
import vn.clinicterm.terminal.storage.VisitRecord;

/**
 * The auditor screen's logic, over the same library calls as {@code clinicterm visits export|verify-export} and
 * {@code clinicterm audit verify}: search visits by date range, verification outcome and eligibility; export a range
 * as CSV or PDF with a signed manifest (an EXPORT entry in the audit chain names the actor); verify an export file;
 * check the audit chain. Each action checks the actor's {@link Permission} first.
 *
 * <p>Dates are typed as {@code dd/MM/yyyy} (a single digit for day or month is forgiven). Threading contract as
 * {@link ReceptionViewModel}: intents return at once, the work runs on the injected {@link TaskExecutor}.
 */
public final class AuditorViewModel {

    private static final System.Logger LOG = System.getLogger(AuditorViewModel.class.getName());
    /** A search shows at most this many rows (an export has no limit). */
    public static final int MAX_ROWS = 1000;
    private static final DateTimeFormatter DATE_INPUT =
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);

    private final VisitLog log;
    private final User actor;
    private final TaskExecutor executor;
    private final Clock clock;
    private final Path exportDirectory;
    private final Permissions permissions;
    private final List<Consumer<AuditorState>> listeners = new CopyOnWriteArrayList<>();

    // guarded by this
    private LocalDate from;
    private LocalDate to;
    private Optional<Indication> indication = Optional.empty();
    private Optional<Eligibility> eligibility = Optional.empty();
    private boolean searching;
    private List<Row> rows = List.of();
    private boolean truncated;
    private boolean searched;
    private boolean exporting;
    private ExportDone lastExport;
    private boolean verifying;
    private ExportCheck verification;
    private boolean checkingChain;
    private AuditVerification chain;
    private Message message;

    /**
     * @param exportDirectory where exports go unless the auditor names another place
     */
    public AuditorViewModel(VisitLog log, User actor, TaskExecutor executor, Clock clock, Path exportDirectory) {
        this.log = log;
        this.actor = actor;
        this.executor = executor;
        this.clock = clock;
        this.exportDirectory = exportDirectory;
        this.permissions = new Permissions(actor.may(Permission.SEARCH), actor.may(Permission.EXPORT),
                actor.may(Permission.VERIFY_AUDIT));
        LocalDate today = LocalDate.now(clock.withZone(log.zone()));
        this.from = today.withDayOfMonth(1);
        this.to = today;
    }

    public User actor() {
        return actor;
    }

    public void addListener(Consumer<AuditorState> listener) {
        listeners.add(listener);
        listener.accept(state());
    }

    public void removeListener(Consumer<AuditorState> listener) {
        listeners.remove(listener);
    }

    public synchronized AuditorState state() {
        return new AuditorState(from, to, indication, eligibility, searching, rows, truncated, searched, exporting,
                Optional.ofNullable(lastExport), verifying, Optional.ofNullable(verification), checkingChain,
                Optional.ofNullable(chain), Optional.ofNullable(message), permissions);
    }

    private void publish() {
        AuditorState s = state();
        for (Consumer<AuditorState> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "auditor listener threw; ignored", e);
            }
        }
    }

    /** Opening the screen: searches the default range (this month) and checks the audit chain, as permitted. */
    public void start() {
        if (permissions.verifyAudit()) {
            checkAuditChain();
        }
        if (permissions.search()) {
            LocalDate f;
            LocalDate t;
            synchronized (this) {
                f = from;
                t = to;
            }
            search(format(f), format(t), Optional.empty(), Optional.empty());
        }
    }

    /** A date as the screen shows it: {@code dd/MM/yyyy}. */
    public static String format(LocalDate date) {
        return String.format(Locale.ROOT, "%02d/%02d/%04d", date.getDayOfMonth(), date.getMonthValue(),
                date.getYear());
    }

    /** A typed date, {@code dd/MM/yyyy} (or with single-digit day or month); empty when it is none. */
    public static Optional<LocalDate> parseDate(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip(), DATE_INPUT));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    // ------------------------------------------------------------------------------------------------ search

    /** Searches the visits of the typed range with the given filters (empty: any). */
    public void search(String fromText, String toText, Optional<Indication> outcome, Optional<Eligibility> insured) {
        if (!permissions.search()) {
            problem(Message.of(Message.Kind.SEARCH_NOT_PERMITTED));
            return;
        }
        Optional<VisitQuery> q = range(fromText, toText).map(r -> {
            VisitQuery query = VisitQuery.days(r[0], r[1]);
            query = outcome.map(query::withIndication).orElse(query);
            return insured.map(query::withEligibility).orElse(query);
        });
        if (q.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (searching) {
                return;
            }
            searching = true;
            from = q.get().from();
            to = q.get().to();
            indication = outcome;
            eligibility = insured;
            message = null;
        }
        publish();
        executor.execute(() -> runSearch(q.get()));
    }

    private void runSearch(VisitQuery q) {
        List<Row> found = new ArrayList<>();
        boolean more = false;
        Message why = null;
        try (Stream<VisitRecord> visits = log.search(q)) {
            Iterator<VisitRecord> it = visits.iterator();
            while (it.hasNext()) {
                VisitRecord v = it.next();
                if (found.size() == MAX_ROWS) {
                    more = true;
                    break;
                }
                found.add(new Row(v.visitId(), LocalDateTime.ofInstant(v.time(), log.zone()), v.maskedIdNumber(),
                        v.fullName(), v.indication(), v.overrideByStaff(), v.cloneCheck(), v.cloneSuspected(),
                        v.eligibility(), v.staffUser(), v.terminalId()));
            }
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.WARNING, "search failed: {0}", e.getMessage());
            why = Message.of(Message.Kind.STORAGE_FAILED);
        }
        synchronized (this) {
            searching = false;
            searched = true;
            rows = why == null ? found : List.of();
            truncated = more;
            message = why;
        }
        publish();
    }

    // ------------------------------------------------------------------------------------------------ export

    /** Where an export of {@code from}..{@code to} goes unless the auditor picks another file. */
    public Path suggestedExportFile(LocalDate from, LocalDate to, ExportRequest.Format format) {
        return exportDirectory.resolve("clinicterm-visits-" + from + "_" + to + "."
                + format.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Writes the visits of the typed range to {@code fileText} (relative names go to the export directory), with its
     * signed manifest beside it; an existing file is replaced. ID numbers are masked unless {@code fullIds} (recorded
     * in the audit chain either way).
     */
    public void export(String fromText, String toText, ExportRequest.Format format, String fileText,
            boolean fullIds) {
        if (!permissions.export()) {
            problem(Message.of(Message.Kind.EXPORT_NOT_PERMITTED));
            return;
        }
        Optional<LocalDate[]> r = range(fromText, toText);
        if (r.isEmpty()) {
            return;
        }
        Optional<Path> out = file(fileText);
        if (out.isEmpty()) {
            return;
        }
        Path dir = out.get().toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            problem(Message.of(Message.Kind.NO_SUCH_DIRECTORY, String.valueOf(dir)));
            return;
        }
        ExportRequest request = new ExportRequest(r.get()[0], r.get()[1], format, out.get().toAbsolutePath(),
                fullIds ? ExportRequest.IdDisplay.FULL : ExportRequest.IdDisplay.MASKED, actor.name());
        synchronized (this) {
            if (exporting) {
                return;
            }
            exporting = true;
            message = null;
        }
        publish();
        executor.execute(() -> {
            ExportDone done = null;
            Message why;
            try {
                ExportManifest m = Exports.write(log, request);
                done = new ExportDone(request.out(), request.manifest(), format, m.rows(), m.sha256(),
                        m.chainHead().seq(), m.fullIds());
                why = Message.of(Message.Kind.EXPORTED, request.out().toString(), Long.toString(m.rows()));
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "export failed: {0}", e.getMessage());
                why = Message.of(Message.Kind.STORAGE_FAILED);
            }
            synchronized (this) {
                exporting = false;
                if (done != null) {
                    lastExport = done;
                }
                message = why;
            }
            publish();
            if (done != null && permissions.verifyAudit()) {
                checkAuditChain(); // the export added an entry: show the chain with it
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ verify

    /**
     * Checks an export against its {@code FILE.manifest.json}: signature, file hash, and that this terminal signed it
     * (as {@code clinicterm visits verify-export}). Needs no permission: it reads nothing from the visit log.
     */
    public void verifyExport(String fileText) {
        Optional<Path> file = file(fileText);
        if (file.isEmpty()) {
            return;
        }
        synchronized (this) {
            if (verifying) {
                return;
            }
            verifying = true;
            message = null;
        }
        publish();
        executor.execute(() -> {
            Path f = file.get().toAbsolutePath();
            ExportCheck result = switch (Exports.verify(f, Optional.of(log.signingPublicKey()))) {
                case ExportVerification.Valid(ExportManifest m, ExportVerification.Signer signer) ->
                        new ExportCheck.Valid(f, m.format(), m.rows(), m.from(), m.to(), m.fullIds(),
                                m.chainHead().seq(), m.terminalId(), signer == ExportVerification.Signer.THIS_TERMINAL);
                case ExportVerification.Invalid(String reason) -> new ExportCheck.Invalid(f, reason);
            };
            synchronized (this) {
                verifying = false;
                verification = result;
            }
            publish();
        });
    }

    // ------------------------------------------------------------------------------------------------ audit chain

    /** Checks every audit entry's hash and link and the signed head (as {@code clinicterm audit verify}). */
    public void checkAuditChain() {
        if (!permissions.verifyAudit()) {
            problem(Message.of(Message.Kind.AUDIT_NOT_PERMITTED));
            return;
        }
        synchronized (this) {
            if (checkingChain) {
                return;
            }
            checkingChain = true;
        }
        publish();
        executor.execute(() -> {
            AuditVerification result = null;
            Message why = null;
            try {
                result = log.verifyAudit();
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "audit chain not checked: {0}", e.getMessage());
                why = Message.of(Message.Kind.STORAGE_FAILED);
            }
            synchronized (this) {
                checkingChain = false;
                if (result != null) {
                    chain = result;
                }
                if (why != null) {
                    message = why;
                }
            }
            publish();
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Optional<LocalDate[]> range(String fromText, String toText) {
        Optional<LocalDate> f = parseDate(fromText);
        if (f.isEmpty()) {
            problem(Message.of(Message.Kind.BAD_DATE, fromText == null ? "" : fromText.strip()));
            return Optional.empty();
        }
        Optional<LocalDate> t = parseDate(toText);
        if (t.isEmpty()) {
            problem(Message.of(Message.Kind.BAD_DATE, toText == null ? "" : toText.strip()));
            return Optional.empty();
        }
        if (t.get().isBefore(f.get())) {
            problem(Message.of(Message.Kind.BAD_RANGE));
            return Optional.empty();
        }
        return Optional.of(new LocalDate[] {f.get(), t.get()});
    }

    private Optional<Path> file(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            problem(Message.of(Message.Kind.NO_FILE));
            return Optional.empty();
        }
        try {
            Path p = Path.of(t);
            return Optional.of(p.isAbsolute() ? p : exportDirectory.resolve(p));
        } catch (InvalidPathException e) {
            problem(Message.of(Message.Kind.NO_SUCH_DIRECTORY, t));
            return Optional.empty();
        }
    }

    private void problem(Message why) {
        synchronized (this) {
            message = why;
        }
        publish();
    }
}
