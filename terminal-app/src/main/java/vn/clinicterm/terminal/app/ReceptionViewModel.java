package vn.clinicterm.terminal.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.smartcardio.CardTerminal;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.CardEvent;
import vn.clinicterm.card.CardServiceUnavailableException;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.CitizenIdentity;
import vn.clinicterm.card.FaceImage;
import vn.clinicterm.card.LdsParsers;
import vn.clinicterm.card.Parsed;
import vn.clinicterm.card.ReadOutcome;
import vn.clinicterm.card.ReadProgress;
import vn.clinicterm.card.ReadStep;
import vn.clinicterm.card.verify.CheckStatus;
import vn.clinicterm.card.verify.SimpleReport;
import vn.clinicterm.card.verify.VerificationReport;
import vn.clinicterm.sync.EligibilityQuery;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.sync.SyncListener;
import vn.clinicterm.terminal.app.ReceptionState.CheckInStatus;
import vn.clinicterm.terminal.app.ReceptionState.Notice;
import vn.clinicterm.terminal.app.ReceptionState.Phase;
import vn.clinicterm.terminal.app.ReceptionState.ReaderStatus;
import vn.clinicterm.terminal.storage.CheckIn;
import vn.clinicterm.terminal.storage.CloneCheck;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.RecordOutcome;
import vn.clinicterm.terminal.storage.StorageException;
import vn.clinicterm.terminal.storage.VisitSummary;

/**
 * The reception counter's logic: reader and card events in, intents from staff in (a typed or scanned key, check in,
 * language), {@link ReceptionState} snapshots out to listeners.
 *
 * <p>Threading contract: intents may be called from any thread (the FX thread in the app) and return at once; every
 * card read, verification, eligibility call and database access runs on {@link ReceptionServices#executor()}.
 * Listeners are called on whichever thread changed the state, must be quick and never throw; a UI hops to its own
 * thread itself. A result that arrives for a card that has since been replaced is dropped (generation counter).
 */
public final class ReceptionViewModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReceptionViewModel.class.getName());
    /** After this many refused keys for one card, the notice tells staff to check the number on the card. */
    static final int WRONG_KEY_HINT_AFTER = 3;

    private final ReceptionServices services;
    private final boolean demo;
    private final List<Consumer<ReceptionState>> listeners = new CopyOnWriteArrayList<>();

    // all below guarded by this
    private ReaderStatus readerStatus = ReaderStatus.STARTING;
    private final Set<String> readers = new LinkedHashSet<>();
    private final Set<String> readersWithCard = new LinkedHashSet<>();
    private String readerName = "";
    private Phase phase = Phase.IDLE;
    private ReadStep lastStep;
    private CitizenIdentity identity;
    private ReceptionState.Patient patient;
    private byte[] photo;
    private ChipEvidence evidence;
    private VerificationReport report;
    private boolean eligibilityChecking;
    private EligibilityResult eligibility;
    private CheckInStatus checkIn = CheckInStatus.UNAVAILABLE;
    private long visitId;
    private Notice notice;
    private AccessKeyInput keyInput = AccessKeyInput.of("");
    private boolean keyAutoFilled;
    private boolean keySubmitted;
    private int wrongKeys;
    private List<VisitSummary> today = List.of();
    private Locale locale = SimpleReport.VIETNAMESE;
    private long generation;
    private AutoCloseable watch;

    public ReceptionViewModel(ReceptionServices services) {
        this.services = services;
        this.demo = services.demoKeys().isPresent();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    /** Starts watching the readers and loads today's visits. */
    public synchronized void start() {
        if (watch == null) {
            watch = services.readers().watch(this::onCardEvent, services.watchExecutor(), services.pollInterval());
            refreshToday();
        }
    }

    public void addListener(Consumer<ReceptionState> listener) {
        listeners.add(listener);
        listener.accept(state());
    }

    public void removeListener(Consumer<ReceptionState> listener) {
        listeners.remove(listener);
    }

    public synchronized ReceptionState state() {
        return new ReceptionState(readerStatus, readerName, phase, Optional.ofNullable(lastStep),
                Optional.ofNullable(patient), Optional.ofNullable(photo), Optional.ofNullable(report).map(this::verdict),
                eligibilityChecking, Optional.ofNullable(eligibility), checkIn, visitId, Optional.ofNullable(notice),
                keyInput, keyAutoFilled, today, locale, demo);
    }

    private ReceptionState.Verdict verdict(VerificationReport r) {
        return new ReceptionState.Verdict(r.indication(), r.subIndication(), r.simpleReport(locale));
    }

    private void publish() {
        ReceptionState s = state();
        for (Consumer<ReceptionState> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "reception listener threw; ignored", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the reader watch", e);
            }
            watch = null;
        }
    }

    // ------------------------------------------------------------------------------------------------ intents

    /** Staff typed (or a scanner typed) into the key field. A complete CCCD QR starts the read by itself. */
    public void keyTyped(String text) {
        boolean start;
        synchronized (this) {
            keyInput = AccessKeyInput.of(text);
            keyAutoFilled = false;
            keySubmitted = keyInput.kind() == AccessKeyInput.Kind.QR;
            if (keyInput.kind() == AccessKeyInput.Kind.NOT_A_KEY && keyInput.text().contains("|")) {
                notice = Notice.of(Notice.Kind.NOT_A_CCCD_QR);
            } else if (notice != null && (notice.kind() == Notice.Kind.NOT_A_CCCD_QR
                    || notice.kind() == Notice.Kind.KEY_INCOMPLETE || notice.kind() == Notice.Kind.DEMO_KEY_FILLED)) {
                notice = null;
            }
            start = keySubmitted && readyToRead();
        }
        if (start) {
            startRead();
        } else {
            publish();
        }
    }

    /** Enter in the key field: read with it when a card is in, or as soon as one is. */
    public void submitKey() {
        boolean start;
        synchronized (this) {
            if (!keyInput.ready()) {
                notice = Notice.of(keyInput.kind() == AccessKeyInput.Kind.NOT_A_KEY && keyInput.text().contains("|")
                        ? Notice.Kind.NOT_A_CCCD_QR : Notice.Kind.KEY_INCOMPLETE);
                start = false;
            } else {
                keySubmitted = true;
                start = readyToRead();
                if (!start && phase != Phase.READING) {
                    notice = Notice.of(Notice.Kind.WAITING_FOR_CARD);
                }
            }
        }
        if (start) {
            startRead();
        } else {
            publish();
        }
    }

    /** Records the visit (one transaction with its sync outbox entry). Refused for a FAILED card. */
    public void checkIn() {
        checkIn(false);
    }

    /** Records a visit for a card that failed verification, as an explicit staff decision (marked as such). */
    public void checkInWithOverride() {
        checkIn(true);
    }

    public void setLocale(Locale newLocale) {
        synchronized (this) {
            locale = newLocale;
        }
        publish();
    }

    /** Reloads today's visits (on the executor). */
    public void refreshToday() {
        services.executor().execute(() -> {
            try {
                List<VisitSummary> list = services.visitLog().today();
                synchronized (this) {
                    today = list;
                }
                publish();
            } catch (StorageException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot list today's visits: {0}", e.getMessage());
            }
        });
    }

    /** For the sync worker: an eligibility answer that arrives later updates today's list. */
    public SyncListener syncListener() {
        return new SyncListener() {
            @Override
            public void eligibilityResolved(String id, EligibilityResult result) {
                refreshToday();
            }
        };
    }

    // ------------------------------------------------------------------------------------------------ readers

    private void onCardEvent(CardEvent event) {
        boolean start = false;
        synchronized (this) {
            switch (event) {
                case CardEvent.ServiceUnavailable u -> {
                    readers.clear();
                    readersWithCard.clear();
                    readerStatus = ReaderStatus.SERVICE_UNAVAILABLE;
                    notice = Notice.of(Notice.Kind.SERVICE_UNAVAILABLE);
                    cardGone();
                }
                case CardEvent.ServiceAvailable a -> {
                    if (notice != null && notice.kind() == Notice.Kind.SERVICE_UNAVAILABLE) {
                        notice = null;
                    }
                    updateReaderStatus();
                }
                case CardEvent.ReaderAttached r -> {
                    readers.add(r.reader());
                    if (notice != null && notice.kind() == Notice.Kind.NO_READER) {
                        notice = null;
                    }
                    updateReaderStatus();
                }
                case CardEvent.ReaderDetached r -> {
                    readers.remove(r.reader());
                    readersWithCard.remove(r.reader());
                    if (r.reader().equals(readerName)) {
                        cardGone();
                    }
                    updateReaderStatus();
                }
                case CardEvent.CardInserted c -> {
                    readersWithCard.add(c.reader());
                    readerName = c.reader();
                    generation++;
                    clearCard();
                    phase = Phase.NEED_KEY;
                    services.demoKeys().flatMap(k -> k.keyFor(c.reader())).ifPresent(key -> {
                        keyInput = AccessKeyInput.of(key);
                        keyAutoFilled = true;
                        keySubmitted = true;
                        notice = Notice.of(Notice.Kind.DEMO_KEY_FILLED);
                    });
                    updateReaderStatus();
                    start = readyToRead();
                }
                case CardEvent.CardRemoved c -> {
                    readersWithCard.remove(c.reader());
                    if (c.reader().equals(readerName)) {
                        cardGone();
                    }
                    updateReaderStatus();
                }
            }
        }
        if (start) {
            startRead();
        } else {
            publish();
        }
    }

    private void updateReaderStatus() {
        if (readerStatus == ReaderStatus.SERVICE_UNAVAILABLE && readers.isEmpty()) {
            readerStatus = ReaderStatus.NO_READER;
        }
        if (readers.isEmpty()) {
            readerStatus = ReaderStatus.NO_READER;
            notice = notice == null ? Notice.of(Notice.Kind.NO_READER) : notice;
            readerName = "";
        } else if (!readersWithCard.isEmpty()) {
            readerStatus = ReaderStatus.CARD_PRESENT;
            if (!readersWithCard.contains(readerName)) {
                readerName = readersWithCard.iterator().next();
            }
        } else {
            readerStatus = ReaderStatus.EMPTY;
            if (!readers.contains(readerName)) {
                readerName = readers.iterator().next();
            }
        }
    }

    /**
     * The card left. A read in progress finds out by itself (it ends as {@link ReadOutcome.CardLost}); a finished
     * read stays on screen until the next card, so staff can still check the patient in.
     */
    private void cardGone() {
        if (phase == Phase.NEED_KEY) {
            phase = Phase.IDLE;
        }
        if (notice != null && (notice.kind() == Notice.Kind.WAITING_FOR_CARD
                || notice.kind() == Notice.Kind.DEMO_KEY_FILLED)) {
            notice = null;
        }
        keyInput = AccessKeyInput.of("");
        keyAutoFilled = false;
        keySubmitted = false;
        wrongKeys = 0;
    }

    private void clearCard() {
        lastStep = null;
        identity = null;
        patient = null;
        photo = null;
        evidence = null;
        report = null;
        eligibilityChecking = false;
        eligibility = null;
        checkIn = CheckInStatus.UNAVAILABLE;
        visitId = 0;
        if (notice != null && notice.isProblem() && notice.kind() != Notice.Kind.SERVICE_UNAVAILABLE
                && notice.kind() != Notice.Kind.NO_READER) {
            notice = null;
        }
        if (notice != null && !notice.isProblem()) {
            notice = null;
        }
    }

    private boolean readyToRead() {
        return keySubmitted && keyInput.ready() && readersWithCard.contains(readerName)
                && (phase == Phase.NEED_KEY || phase == Phase.FAILED);
    }

    // ------------------------------------------------------------------------------------------------ reading

    private void startRead() {
        long gen;
        String reader;
        AccessKey key;
        synchronized (this) {
            gen = generation;
            reader = readerName;
            key = keyInput.accessKey().orElseThrow();
            boolean autoFilled = keyAutoFilled;
            clearCard();
            if (autoFilled) {
                notice = Notice.of(Notice.Kind.DEMO_KEY_FILLED);
            }
            phase = Phase.READING;
        }
        publish();
        services.executor().execute(() -> read(gen, reader, key));
    }

    private void read(long gen, String reader, AccessKey key) {
        CardTerminal terminal;
        try {
            terminal = services.readers().terminal(reader);
        } catch (CardServiceUnavailableException e) {
            fail(gen, Notice.of(Notice.Kind.SERVICE_UNAVAILABLE));
            return;
        }
        if (terminal == null) {
            fail(gen, Notice.of(Notice.Kind.NO_READER));
            return;
        }
        ReadOutcome outcome = services.cardReader().read(terminal, key, new ReadProgress() {
            @Override
            public void step(ReadStep step) {
                if (set(gen, () -> lastStep = step)) {
                    publish();
                }
            }

            @Override
            public void identity(CitizenIdentity id) {
                if (set(gen, () -> {
                    identity = id;
                    patient = patient(id);
                    eligibilityChecking = services.eligibility().isPresent() && id.dateOfBirth().isPresent();
                })) {
                    publish();
                    askEligibility(gen, id);
                }
            }
        });
        switch (outcome) {
            case ReadOutcome.Success s -> verify(gen, s);
            case ReadOutcome.WrongAccessKey w -> {
                boolean repeated;
                synchronized (this) {
                    repeated = ++wrongKeys >= WRONG_KEY_HINT_AFTER;
                }
                fail(gen, Notice.of(repeated ? Notice.Kind.WRONG_KEY_REPEATED : Notice.Kind.WRONG_KEY,
                        Integer.toString(wrongKeysSoFar())));
            }
            case ReadOutcome.AccessNotPossible a -> fail(gen, Notice.of(Notice.Kind.KEY_CANNOT_OPEN));
            case ReadOutcome.CardLost l -> fail(gen, Notice.of(Notice.Kind.CARD_REMOVED_EARLY,
                    l.lastCompletedStep() == null ? "" : l.lastCompletedStep().name()));
            case ReadOutcome.NoCard n -> fail(gen, Notice.of(Notice.Kind.NO_CARD));
            case ReadOutcome.Malformed m -> fail(gen, Notice.of(Notice.Kind.MALFORMED, m.fileId()));
            case ReadOutcome.Failed f -> {
                LOG.log(System.Logger.Level.INFO, "read failed: {0}", f.reason());
                fail(gen, Notice.of(Notice.Kind.READ_FAILED));
            }
        }
    }

    private synchronized int wrongKeysSoFar() {
        return wrongKeys;
    }

    private void verify(long gen, ReadOutcome.Success s) {
        byte[] face = photoOf(s.evidence());
        if (!set(gen, () -> {
            identity = s.identity();
            patient = patient(s.identity());
            evidence = s.evidence();
            photo = face;
            lastStep = ReadStep.DONE;
            phase = Phase.VERIFYING;
            if (keyAutoFilled) {
                notice = Notice.of(Notice.Kind.DEMO_KEY_FILLED);
            } else {
                notice = null;
            }
            wrongKeys = 0;
        })) {
            return;
        }
        publish();
        if (services.verifier().isEmpty()) {
            fail(gen, Notice.of(Notice.Kind.TRUST_STORE_UNUSABLE));
            return;
        }
        VerificationReport r = services.verifier().get().verify(s.evidence());
        if (set(gen, () -> {
            report = r;
            phase = Phase.DONE;
            checkIn = r.indication() == vn.clinicterm.card.verify.Indication.FAILED
                    ? CheckInStatus.NEEDS_OVERRIDE : CheckInStatus.READY;
        })) {
            publish();
        }
    }

    private void askEligibility(long gen, CitizenIdentity id) {
        if (services.eligibility().isEmpty() || id.dateOfBirth().isEmpty()) {
            return;
        }
        services.executor().execute(() -> {
            EligibilityResult result;
            try {
                result = services.eligibility().get().check(
                        EligibilityQuery.of(id.idNumber(), id.fullName(), id.dateOfBirth().get()));
            } catch (IllegalArgumentException notAskable) {
                result = new EligibilityResult.Error(vn.clinicterm.sync.ReasonCode.BAD_PARAMETER, "not askable");
            }
            EligibilityResult answer = result;
            if (set(gen, () -> {
                eligibility = answer;
                eligibilityChecking = false;
            })) {
                publish();
            }
        });
    }

    private void fail(long gen, Notice why) {
        if (set(gen, () -> {
            if (report == null) {
                clearCard();
            }
            phase = Phase.FAILED;
            notice = why;
            keySubmitted = false;
            checkIn = CheckInStatus.UNAVAILABLE;
        })) {
            publish();
        }
    }

    /** Applies {@code change} unless the card it belongs to has been replaced or removed meanwhile. */
    private synchronized boolean set(long gen, Runnable change) {
        if (gen != generation) {
            return false;
        }
        change.run();
        return true;
    }

    private ReceptionState.Patient patient(CitizenIdentity id) {
        LocalDate today = LocalDate.now(services.clock());
        return new ReceptionState.Patient(id.fullName(), id.dateOfBirth(), id.gender(), id.maskedIdNumber(),
                id.residence(), id.expiryDate(), id.expiryDate().map(today::isAfter).orElse(false));
    }

    /** The face as JPEG (as stored) or PNG (JPEG 2000 decoded here, off the FX thread); null when unreadable. */
    private static byte[] photoOf(ChipEvidence evidence) {
        Optional<byte[]> dg2 = evidence.dataGroupBytes(2);
        if (dg2.isEmpty() || !(LdsParsers.dg2(dg2.get()) instanceof Parsed.Ok<FaceImage> ok)) {
            return null;
        }
        FaceImage face = ok.value();
        if (FaceImage.JPEG.equals(face.mimeType())) {
            return face.bytes();
        }
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(face.decode(), "png", png);
            return png.toByteArray();
        } catch (IOException | IllegalStateException e) {
            LOG.log(System.Logger.Level.INFO, "face image not shown: {0}", e.getMessage());
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ check-in

    private void checkIn(boolean override) {
        CitizenIdentity id;
        ChipEvidence ev;
        VerificationReport r;
        Eligibility elig;
        synchronized (this) {
            boolean allowed = checkIn == CheckInStatus.READY
                    || checkIn == CheckInStatus.NEEDS_OVERRIDE || checkIn == CheckInStatus.REFUSED
                    || checkIn == CheckInStatus.FAILED;
            if (!allowed || identity == null || report == null) {
                return;
            }
            id = identity;
            ev = evidence;
            r = report;
            elig = eligibility == null ? Eligibility.PENDING : storedEligibility(eligibility);
            checkIn = CheckInStatus.IN_PROGRESS;
        }
        publish();
        long gen = currentGeneration();
        services.executor().execute(() -> record(gen, id, ev, r, elig, override));
    }

    private synchronized long currentGeneration() {
        return generation;
    }

    private void record(long gen, CitizenIdentity id, ChipEvidence ev, VerificationReport r, Eligibility elig,
            boolean override) {
        CheckIn.Builder in = CheckIn.builder()
                .identity(id)
                .terminalId(services.terminalId())
                .staffUser(services.staffUser())
                .verification(Indication.valueOf(r.indication().name()),
                        r.subIndication().map(Enum::name).orElse(""),
                        r.checks().stream().filter(c -> c.status() == CheckStatus.FAILED).map(c -> c.id().id())
                                .toList())
                .accessMethod(ev.access())
                .cloneCheck(CloneCheck.valueOf(ev.chipAuthentication().label()),
                        r.status(vn.clinicterm.card.verify.CheckId.CHIP_AUTHENTICATION) == CheckStatus.PASSED)
                .eligibility(elig);
        if (override) {
            in.overrideByStaff();
        }
        CheckInStatus status;
        long id2 = 0;
        Notice why = null;
        try {
            switch (services.visitLog().recordVisit(in.build())) {
                case RecordOutcome.Recorded rec -> {
                    status = CheckInStatus.RECORDED;
                    id2 = rec.visitId();
                }
                case RecordOutcome.Duplicate d -> {
                    status = CheckInStatus.DUPLICATE;
                    id2 = d.existingVisitId();
                }
                case RecordOutcome.RefusedUnverified ru -> {
                    status = CheckInStatus.REFUSED;
                    why = Notice.of(Notice.Kind.CHECK_IN_REFUSED);
                }
                case RecordOutcome.ReadOnly ro -> {
                    status = CheckInStatus.FAILED;
                    why = Notice.of(Notice.Kind.READ_ONLY);
                }
            }
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.WARNING, "check-in not stored: {0}", e.getMessage());
            status = CheckInStatus.FAILED;
            why = Notice.of(Notice.Kind.STORAGE_FAILED);
        }
        CheckInStatus finalStatus = status;
        long finalId = id2;
        Notice finalWhy = why;
        synchronized (this) {
            // the visit is stored whatever happened to the card since; show it if the screen still shows that card
            if (gen == generation || identity == id) {
                checkIn = finalStatus;
                visitId = finalId;
                if (finalWhy != null) {
                    notice = finalWhy;
                } else if (notice != null && notice.isProblem()) {
                    notice = null;
                }
            }
        }
        publish();
        refreshToday();
    }

    static Eligibility storedEligibility(EligibilityResult r) {
        return switch (r) {
            case EligibilityResult.Eligible e -> Eligibility.ELIGIBLE;
            case EligibilityResult.NotEligible n -> Eligibility.NOT_ELIGIBLE;
            case EligibilityResult.UnknownPerson u -> Eligibility.UNKNOWN_PERSON;
            case EligibilityResult.Pending p -> Eligibility.PENDING;
            case EligibilityResult.Error e -> Eligibility.ERROR;
        };
    }

    /** For tests and the demo: which readers the view model has seen. */
    synchronized List<String> knownReaders() {
        return new ArrayList<>(readers);
    }
}
