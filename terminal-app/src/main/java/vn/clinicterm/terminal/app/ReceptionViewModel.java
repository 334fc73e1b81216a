package vn.clinicterm.terminal.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import javax.smartcardio.CardTerminal;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.CardEvent;
import vn.clinicterm.card.CardServiceUnavailableException;
import vn.clinicterm.card.ChipAuthentication;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.CitizenIdentity;
import vn.clinicterm.card.FaceImage;
import vn.clinicterm.card.LdsParsers;
import vn.clinicterm.card.Parsed;
import vn.clinicterm.card.ReadOutcome;
import vn.clinicterm.card.ReadProgress;
import vn.clinicterm.card.ReadStep;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.CheckStatus;
import vn.clinicterm.card.verify.SimpleReport;
import vn.clinicterm.card.verify.VerificationReport;
import vn.clinicterm.sync.EligibilityQuery;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.sync.SyncListener;
import vn.clinicterm.terminal.app.ReceptionState.CheckInStatus;
import vn.clinicterm.terminal.app.ReceptionState.CloneCheckMark;
import vn.clinicterm.terminal.app.ReceptionState.ConsentPrompt;
import vn.clinicterm.terminal.app.ReceptionState.Notice;
import vn.clinicterm.terminal.app.ReceptionState.Phase;
import vn.clinicterm.terminal.app.ReceptionState.ReaderStatus;
import vn.clinicterm.terminal.consent.ConsentDecision;
import vn.clinicterm.terminal.consent.ConsentNotice;
import vn.clinicterm.terminal.handoff.PatientLine;
import vn.clinicterm.terminal.reception.CheckInOutcome;
import vn.clinicterm.terminal.reception.Reception;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.CheckIn;
import vn.clinicterm.terminal.storage.CloneCheck;
import vn.clinicterm.terminal.storage.Consent;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.RecordOutcome;
import vn.clinicterm.terminal.storage.StorageException;
import vn.clinicterm.terminal.storage.VisitRecord;
import vn.clinicterm.terminal.storage.VisitSummary;

/**
 * The reception counter's logic: reader and card events in, intents from staff in (consent confirmed, a typed or
 * scanned key or the MRZ, check in, copy the patient line for the hospital system, language), {@link ReceptionState}
 * snapshots and {@link Cue}s out to listeners. It goes through {@link Reception} for everything a hospital system
 * follows: the consent policy is asked before the chip is read ({@link Reception#mayRead}, which audits a refusal),
 * and the identity, the verdict, the check-in and eligibility answers that arrive later through sync are announced as
 * they happen.
 *
 * <p>Consent: when the policy requires it, staff read {@link ConsentPrompt#notice()} to the patient and confirm with
 * {@link #confirmConsent()} before (or after) the card goes on the reader; the chip is read only then. A confirmation
 * holds for one patient: it is bound to the card on the reader (or, given with no card or with a finished patient's
 * card still there, to the next card) and cleared when that card is taken away or checked in. The consent the read
 * was made under is the one stored with the visit.
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
    /** {@link #consentCard} when the confirmation is for whichever card comes next. */
    private static final long NEXT_CARD = -1;

    private final ReceptionServices services;
    private final Reception reception;
    private final boolean demo;
    private final List<Consumer<ReceptionState>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Cue>> cueListeners = new CopyOnWriteArrayList<>();

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
    private CloneCheckMark cloneMark = CloneCheckMark.NOT_YET;
    private boolean eligibilityChecking;
    private EligibilityResult eligibility;
    private CheckInStatus checkIn = CheckInStatus.UNAVAILABLE;
    private long visitId;
    private Notice notice;
    private AccessKeyInput keyInput = AccessKeyInput.of("");
    private boolean keyAutoFilled;
    private boolean keySubmitted;
    private int wrongKeys;
    /** Staff's confirmation that the patient agreed, for the card {@link #consentCard} (a generation). */
    private Consent consent;
    private long consentCard = NEXT_CARD;
    /** The consent the current result was read under: stored with its visit. */
    private Consent readConsent;
    private boolean cuedAttention;
    private boolean cuedSuccess;
    private List<VisitSummary> today = List.of();
    private Locale locale = SimpleReport.VIETNAMESE;
    private long generation;
    private AutoCloseable watch;

    public ReceptionViewModel(ReceptionServices services) {
        this.services = services;
        this.reception = services.reception();
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

    /** {@code listener} hears each {@link Cue} once, on the thread that caused it; it must return at once. */
    public void addCueListener(Consumer<Cue> listener) {
        cueListeners.add(listener);
    }

    public void removeCueListener(Consumer<Cue> listener) {
        cueListeners.remove(listener);
    }

    /** The flow this view model goes through (its consent policy, its event listeners). */
    public Reception reception() {
        return reception;
    }

    public synchronized ReceptionState state() {
        return new ReceptionState(readerStatus, readerName, phase, Optional.ofNullable(lastStep),
                Optional.ofNullable(patient), Optional.ofNullable(photo), Optional.ofNullable(report).map(this::verdict),
                eligibilityChecking, Optional.ofNullable(eligibility), checkIn, visitId, Optional.ofNullable(notice),
                keyInput, keyAutoFilled, consentPrompt(), cloneMark, today, locale, demo);
    }

    private ConsentPrompt consentPrompt() {
        return new ConsentPrompt(reception.policy().required(), consent != null, ConsentNotice.text(locale),
                ConsentNotice.version(), Optional.ofNullable(consent).map(Consent::time));
    }

    private ReceptionState.Verdict verdict(VerificationReport r) {
        return new ReceptionState.Verdict(r.indication(), r.subIndication(), r.simpleReport(locale));
    }

    private void publish() {
        publish(null);
    }

    /** Tells the state listeners, then the cue listeners when there is a cue. Never called holding the lock. */
    private void publish(Cue cue) {
        ReceptionState s = state();
        for (Consumer<ReceptionState> l : listeners) {
            try {
                l.accept(s);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "reception listener threw; ignored", e);
            }
        }
        if (cue != null) {
            for (Consumer<Cue> l : cueListeners) {
                try {
                    l.accept(cue);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cue listener threw; ignored", e);
                }
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

    /**
     * Staff confirm that the patient agreed to the notice ({@link ConsentPrompt#notice()}). The consent (purpose,
     * notice version, staff member, time) is for the card on the reader, or for the next card when none is waiting to
     * be read; a read that waited for it starts now. After a check-in was refused because the consent had grown too
     * old, this renews it for the patient on screen.
     */
    public void confirmConsent() {
        boolean start;
        synchronized (this) {
            consent = ConsentNotice.agreed(services.staffUser(), services.clock().instant());
            boolean cardWaiting = readersWithCard.contains(readerName) && (phase == Phase.NEED_KEY
                    || phase == Phase.NEED_CONSENT || phase == Phase.FAILED || phase == Phase.READING);
            if (checkIn == CheckInStatus.CONSENT_REFUSED && report != null) {
                // the patient on screen was asked again: the check-in may go ahead under the new consent
                readConsent = consent;
                consentCard = generation;
                checkIn = report.indication() == vn.clinicterm.card.verify.Indication.FAILED
                        ? CheckInStatus.NEEDS_OVERRIDE : CheckInStatus.READY;
            } else {
                consentCard = cardWaiting ? generation : NEXT_CARD;
            }
            if (notice != null && (notice.kind() == Notice.Kind.CONSENT_NEEDED
                    || notice.kind() == Notice.Kind.CONSENT_EXPIRED)) {
                notice = null;
            }
            start = readyToRead();
        }
        if (start) {
            startRead();
        } else {
            publish();
        }
    }

    /** Staff typed (or a scanner typed) into the key field. A complete CCCD QR starts the read by itself. */
    public void keyTyped(String text) {
        boolean start;
        synchronized (this) {
            keyInput = AccessKeyInput.of(text);
            keyAutoFilled = false;
            keySubmitted = keyInput.kind() == AccessKeyInput.Kind.QR;
            if (keyInput.kind() == AccessKeyInput.Kind.NOT_A_KEY && keyInput.text().contains("|")) {
                notice = Notice.of(Notice.Kind.NOT_A_CCCD_QR);
            } else if (notice != null && isKeyNotice(notice.kind())) {
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

    private static boolean isKeyNotice(Notice.Kind k) {
        return k == Notice.Kind.NOT_A_CCCD_QR || k == Notice.Kind.KEY_INCOMPLETE || k == Notice.Kind.DEMO_KEY_FILLED
                || k == Notice.Kind.MRZ_BAD_NUMBER || k == Notice.Kind.MRZ_BAD_BIRTH_DATE
                || k == Notice.Kind.MRZ_BAD_EXPIRY_DATE;
    }

    /** Enter in the key field: read with it when a card is in, or as soon as one is. */
    public void submitKey() {
        boolean start;
        Cue cue = null;
        synchronized (this) {
            if (!keyInput.ready()) {
                notice = Notice.of(keyInput.kind() == AccessKeyInput.Kind.NOT_A_KEY && keyInput.text().contains("|")
                        ? Notice.Kind.NOT_A_CCCD_QR : Notice.Kind.KEY_INCOMPLETE);
                cue = Cue.ATTENTION;
                start = false;
            } else {
                start = submitReadyKey();
            }
        }
        if (start) {
            startRead();
        } else {
            publish(cue);
        }
    }

    /**
     * The access key from the MRZ on the back of the card (for a front that cannot be scanned): the document number
     * (its 9 digits, or the 12-digit ID), the date of birth and the date of expiry; see
     * {@link AccessKeyInput#mrzFields}. Reads at once when a card is in, else as soon as one is. A field that is not
     * usable is named in the notice and nothing else changes.
     */
    public void submitMrz(String documentNumber, String dateOfBirth, String dateOfExpiry) {
        boolean start = false;
        Cue cue = null;
        synchronized (this) {
            switch (AccessKeyInput.mrzFields(documentNumber, dateOfBirth, dateOfExpiry)) {
                case AccessKeyInput.MrzEntry.Ok ok -> {
                    keyInput = ok.input();
                    keyAutoFilled = false;
                    if (notice != null && isKeyNotice(notice.kind())) {
                        notice = null;
                    }
                    start = submitReadyKey();
                }
                case AccessKeyInput.MrzEntry.Incomplete i -> {
                    notice = Notice.of(Notice.Kind.KEY_INCOMPLETE);
                    cue = Cue.ATTENTION;
                }
                case AccessKeyInput.MrzEntry.Invalid bad -> {
                    notice = Notice.of(switch (bad.problem()) {
                        case DOCUMENT_NUMBER -> Notice.Kind.MRZ_BAD_NUMBER;
                        case DATE_OF_BIRTH -> Notice.Kind.MRZ_BAD_BIRTH_DATE;
                        case DATE_OF_EXPIRY -> Notice.Kind.MRZ_BAD_EXPIRY_DATE;
                    });
                    cue = Cue.ATTENTION;
                }
            }
        }
        if (start) {
            startRead();
        } else {
            publish(cue);
        }
    }

    /** A ready key was submitted: true when the read can start now. Caller holds the lock. */
    private boolean submitReadyKey() {
        keySubmitted = true;
        boolean start = readyToRead();
        if (!start && phase != Phase.READING && !readersWithCard.contains(readerName)) {
            notice = Notice.of(Notice.Kind.WAITING_FOR_CARD);
        }
        return start;
    }

    /** Records the visit (one transaction with its sync outbox entry). Refused for a FAILED card. */
    public void checkIn() {
        checkIn(false);
    }

    /** Records a visit for a card that failed verification, as an explicit staff decision (marked as such). */
    public void checkInWithOverride() {
        checkIn(true);
    }

    /**
     * The line of the patient checked in on screen ({@link ReceptionState#visitId()} above 0: recorded, or the visit a
     * duplicate check-in found), for a hospital system without an integration: the stored visit formatted in that
     * system's field order with its separator ({@link ReceptionServices#patientLine()}). The view puts it on the
     * clipboard. Personal data leaves the app there, so the copy is written to the audit log first
     * ({@link AuditType#PATIENT_LINE_COPIED} with the visit id, the terminal and the field names, never the values);
     * when the visit cannot be read or the copy cannot be audited, nothing is copied and the notice says so. A copy
     * sets the notice {@link Notice.Kind#PATIENT_LINE_COPIED} (while that visit is still on screen).
     *
     * <p>The database work runs on the executor and the future completes there: with the line, or empty when nothing
     * is checked in (at once) or the line could not be made. It never completes exceptionally.
     */
    public CompletableFuture<Optional<String>> copyPatientLine() {
        long visit;
        synchronized (this) {
            visit = visitId;
        }
        CompletableFuture<Optional<String>> result = new CompletableFuture<>();
        if (visit <= 0) {
            result.complete(Optional.empty());
            return result;
        }
        services.executor().execute(() -> {
            Optional<String> line = Optional.empty();
            Notice said;
            try {
                Optional<VisitRecord> stored = services.visitLog().visit(visit);
                if (stored.isPresent()) {
                    PatientLine format = services.patientLine();
                    String text = format.format(stored.get());
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("visitId", visit);
                    details.put("terminal", services.terminalId());
                    details.put("fields", format.order().stream().map(Enum::name).toList());
                    services.visitLog().recordEvent(AuditType.PATIENT_LINE_COPIED, services.staffUser(), details);
                    line = Optional.of(text);
                    said = Notice.of(Notice.Kind.PATIENT_LINE_COPIED, Long.toString(visit));
                } else {
                    LOG.log(System.Logger.Level.WARNING, "patient line not copied: visit {0} is gone", visit);
                    said = Notice.of(Notice.Kind.PATIENT_LINE_FAILED);
                }
            } catch (RuntimeException e) { // StorageException (read-only, unreadable), or anything else: copy nothing
                LOG.log(System.Logger.Level.WARNING, "patient line not copied: {0}", e.getClass().getName());
                said = Notice.of(Notice.Kind.PATIENT_LINE_FAILED);
            }
            boolean shown;
            synchronized (this) {
                shown = visitId == visit;
                if (shown) {
                    notice = said;
                }
            }
            if (shown) {
                publish(line.isPresent() ? null : Cue.ATTENTION);
            }
            result.complete(line);
        });
        return result;
    }

    /** The hospital system's field order and separator {@link #copyPatientLine()} formats with. */
    public PatientLine patientLine() {
        return services.patientLine();
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

    /**
     * For the sync worker (behind {@code VisitEligibilityListener}, which has stored the answer in the visit): an
     * eligibility answer that arrives later updates today's list and is announced through {@link Reception}.
     */
    public SyncListener syncListener() {
        return new SyncListener() {
            @Override
            public void eligibilityResolved(String visitId, EligibilityResult result) {
                refreshToday();
                if (result instanceof EligibilityResult.Pending) {
                    return;
                }
                try {
                    reception.eligibilityKnown(Long.parseLong(visitId), storedEligibility(result));
                } catch (NumberFormatException e) {
                    LOG.log(System.Logger.Level.WARNING, "an eligibility answer for a visit id that is no number");
                }
            }
        };
    }

    // ------------------------------------------------------------------------------------------------ readers

    private void onCardEvent(CardEvent event) {
        boolean start = false;
        Cue cue = null;
        synchronized (this) {
            switch (event) {
                case CardEvent.ServiceUnavailable u -> {
                    readers.clear();
                    readersWithCard.clear();
                    if (readerStatus != ReaderStatus.SERVICE_UNAVAILABLE) {
                        cue = Cue.ATTENTION;
                    }
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
                    if (readers.isEmpty() && readerStatus == ReaderStatus.NO_READER) {
                        cue = Cue.ATTENTION;
                    }
                }
                case CardEvent.CardInserted c -> {
                    readersWithCard.add(c.reader());
                    readerName = c.reader();
                    generation++;
                    clearCard();
                    phase = Phase.NEED_KEY;
                    if (consent != null && consentCard == NEXT_CARD) {
                        consentCard = generation;
                    } else if (consent != null && consentCard != generation) {
                        consent = null; // it was another patient's
                    }
                    boolean staffKey = keySubmitted && keyInput.ready();
                    if (!staffKey) {
                        services.demoKeys().flatMap(k -> k.keyFor(c.reader())).ifPresent(key -> {
                            keyInput = AccessKeyInput.of(key);
                            keyAutoFilled = true;
                            keySubmitted = true;
                            notice = Notice.of(Notice.Kind.DEMO_KEY_FILLED);
                        });
                    }
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
            publish(cue);
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
     * read stays on screen until the next card, so staff can still check the patient in (under the consent it was
     * read with). A consent given for this card goes with it.
     */
    private void cardGone() {
        if (phase == Phase.NEED_KEY || phase == Phase.NEED_CONSENT) {
            phase = Phase.IDLE;
        }
        if (notice != null && (notice.kind() == Notice.Kind.WAITING_FOR_CARD
                || notice.kind() == Notice.Kind.DEMO_KEY_FILLED
                // a read refused for want of consent goes with the card; a refused check-in stays with its result
                || (notice.kind() == Notice.Kind.CONSENT_NEEDED || notice.kind() == Notice.Kind.CONSENT_EXPIRED)
                        && report == null)) {
            notice = null;
        }
        if (consent != null && consentCard == generation) {
            consent = null;
            consentCard = NEXT_CARD;
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
        cloneMark = CloneCheckMark.NOT_YET;
        eligibilityChecking = false;
        eligibility = null;
        checkIn = CheckInStatus.UNAVAILABLE;
        visitId = 0;
        readConsent = null;
        cuedAttention = false;
        cuedSuccess = false;
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
                && (phase == Phase.NEED_KEY || phase == Phase.FAILED
                        || phase == Phase.NEED_CONSENT && consent != null);
    }

    // ------------------------------------------------------------------------------------------------ reading

    private void startRead() {
        long gen;
        String reader;
        AccessKey key;
        Optional<Consent> given;
        synchronized (this) {
            gen = generation;
            reader = readerName;
            key = keyInput.accessKey().orElseThrow();
            given = Optional.ofNullable(consent);
            boolean autoFilled = keyAutoFilled;
            clearCard();
            if (autoFilled) {
                notice = Notice.of(Notice.Kind.DEMO_KEY_FILLED);
            }
            phase = Phase.READING;
        }
        publish();
        services.executor().execute(() -> {
            if (consentAllows(gen, given)) {
                read(gen, reader, key);
            }
        });
    }

    /**
     * Asks the consent policy (on the executor: a refusal is written to the audit log). On a refusal nothing is read:
     * the state says the consent is needed, and confirming it starts the read.
     */
    private boolean consentAllows(long gen, Optional<Consent> given) {
        ConsentDecision decision;
        try {
            decision = reception.mayRead(given, services.staffUser());
        } catch (RuntimeException e) {
            // the refusal could not be audited; the policy's answer stands all the same
            LOG.log(System.Logger.Level.WARNING, "consent decision not audited: {0}", e.getClass().getName());
            decision = reception.policy().decide(given, services.clock().instant());
        }
        switch (decision) {
            case ConsentDecision.Proceed p -> {
                return set(gen, () -> readConsent = p.consent().orElse(null));
            }
            case ConsentDecision.Refused r -> {
                if (set(gen, () -> {
                    phase = Phase.NEED_CONSENT;
                    notice = Notice.of(r.messageKey().equals("consent.expired")
                            ? Notice.Kind.CONSENT_EXPIRED : Notice.Kind.CONSENT_NEEDED);
                    consent = null;
                    consentCard = NEXT_CARD;
                })) {
                    publish(Cue.ATTENTION);
                }
                return false;
            }
        }
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
                    reception.cardRead(id);
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
            cloneMark = cloneMarkBeforeVerdict(s.evidence().chipAuthentication());
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
            set(gen, () -> {
                if (cloneMark == CloneCheckMark.NOT_YET) {
                    cloneMark = CloneCheckMark.UNCONFIRMED;
                }
            });
            fail(gen, Notice.of(Notice.Kind.TRUST_STORE_UNUSABLE));
            return;
        }
        VerificationReport r = services.verifier().get().verify(s.evidence());
        Cue[] cue = {null};
        if (set(gen, () -> {
            report = r;
            phase = Phase.DONE;
            cloneMark = switch (r.status(CheckId.CHIP_AUTHENTICATION)) {
                case PASSED -> CloneCheckMark.PASSED;
                case FAILED -> CloneCheckMark.FAILED;
                case INDETERMINATE, WARNING, INFO, SKIPPED -> CloneCheckMark.UNCONFIRMED;
            };
            checkIn = r.indication() == vn.clinicterm.card.verify.Indication.FAILED
                    ? CheckInStatus.NEEDS_OVERRIDE : CheckInStatus.READY;
            cue[0] = resultCue();
        })) {
            publish(cue[0]);
            reception.verified(storedIndication(r), subIndication(r), failedChecks(r));
        }
    }

    /** What the reader alone can tell about the clone check, before the verifier weighs it. */
    private static CloneCheckMark cloneMarkBeforeVerdict(ChipAuthentication auth) {
        return switch (auth) {
            case ChipAuthentication.Ca ca -> ca.confirmed() ? CloneCheckMark.NOT_YET : CloneCheckMark.FAILED;
            case ChipAuthentication.Aa aa -> CloneCheckMark.NOT_YET;
            case ChipAuthentication.None none -> CloneCheckMark.UNCONFIRMED;
        };
    }

    /**
     * The cue of a read's result, at most one of each kind per card: attention as soon as anything is wrong (not
     * verified, card expired, not insured), success once it is verified and insured. Caller holds the lock.
     */
    private Cue resultCue() {
        if (report == null) {
            return null;
        }
        boolean bad = report.indication() != vn.clinicterm.card.verify.Indication.PASSED
                || patient != null && patient.cardExpired()
                || eligibility != null && !(eligibility instanceof EligibilityResult.Eligible)
                        && !(eligibility instanceof EligibilityResult.Pending);
        if (bad) {
            if (cuedAttention) {
                return null;
            }
            cuedAttention = true;
            return Cue.ATTENTION;
        }
        if (eligibility instanceof EligibilityResult.Eligible && !cuedSuccess) {
            cuedSuccess = true;
            return Cue.SUCCESS;
        }
        return null;
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
            Cue[] cue = {null};
            if (set(gen, () -> {
                eligibility = answer;
                eligibilityChecking = false;
                cue[0] = resultCue();
            })) {
                publish(cue[0]);
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
            publish(Cue.ATTENTION);
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

    private static Indication storedIndication(VerificationReport r) {
        return Indication.valueOf(r.indication().name());
    }

    private static String subIndication(VerificationReport r) {
        return r.subIndication().map(Enum::name).orElse("");
    }

    private static List<String> failedChecks(VerificationReport r) {
        return r.checks().stream().filter(c -> c.status() == CheckStatus.FAILED).map(c -> c.id().id()).toList();
    }

    // ------------------------------------------------------------------------------------------------ check-in

    private void checkIn(boolean override) {
        CitizenIdentity id;
        ChipEvidence ev;
        VerificationReport r;
        Eligibility elig;
        Consent agreed;
        long gen;
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
            agreed = readConsent;
            gen = generation;
            checkIn = CheckInStatus.IN_PROGRESS;
        }
        publish();
        services.executor().execute(() -> record(gen, id, ev, r, elig, agreed, override));
    }

    private void record(long gen, CitizenIdentity id, ChipEvidence ev, VerificationReport r, Eligibility elig,
            Consent agreed, boolean override) {
        CheckIn.Builder in = CheckIn.builder()
                .identity(id)
                .terminalId(services.terminalId())
                .staffUser(services.staffUser())
                .verification(storedIndication(r), subIndication(r), failedChecks(r))
                .accessMethod(ev.access())
                .cloneCheck(CloneCheck.valueOf(ev.chipAuthentication().label()),
                        r.status(CheckId.CHIP_AUTHENTICATION) == CheckStatus.PASSED)
                .eligibility(elig)
                .consent(agreed);
        if (override) {
            in.overrideByStaff();
        }
        CheckInStatus status;
        long stored = 0;
        Notice why = null;
        try {
            switch (reception.checkIn(in.build())) {
                case CheckInOutcome.ConsentRefused refused -> {
                    status = CheckInStatus.CONSENT_REFUSED;
                    why = Notice.of(refused.messageKey().equals("consent.expired")
                            ? Notice.Kind.CONSENT_EXPIRED : Notice.Kind.CONSENT_NEEDED);
                }
                case CheckInOutcome.Stored(RecordOutcome.Recorded rec) -> {
                    status = CheckInStatus.RECORDED;
                    stored = rec.visitId();
                }
                case CheckInOutcome.Stored(RecordOutcome.Duplicate d) -> {
                    status = CheckInStatus.DUPLICATE;
                    stored = d.existingVisitId();
                }
                case CheckInOutcome.Stored(RecordOutcome.RefusedUnverified ru) -> {
                    status = CheckInStatus.REFUSED;
                    why = Notice.of(Notice.Kind.CHECK_IN_REFUSED);
                }
                case CheckInOutcome.Stored(RecordOutcome.ReadOnly ro) -> {
                    status = CheckInStatus.FAILED;
                    why = Notice.of(Notice.Kind.READ_ONLY);
                }
            }
        } catch (StorageException e) {
            LOG.log(System.Logger.Level.WARNING, "check-in not stored: {0}", e.getMessage());
            status = CheckInStatus.FAILED;
            why = Notice.of(Notice.Kind.STORAGE_FAILED);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "check-in not stored: {0}", e.getClass().getName());
            status = CheckInStatus.FAILED;
            why = Notice.of(Notice.Kind.STORAGE_FAILED);
        }
        CheckInStatus finalStatus = status;
        long finalId = stored;
        Notice finalWhy = why;
        synchronized (this) {
            if (finalStatus == CheckInStatus.RECORDED || finalStatus == CheckInStatus.DUPLICATE
                    || finalStatus == CheckInStatus.CONSENT_REFUSED) {
                // this patient's consent is used up (or no good): the next patient is asked afresh
                if (consent != null && consentCard == gen) {
                    consent = null;
                    consentCard = NEXT_CARD;
                }
            }
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
        publish(finalStatus == CheckInStatus.RECORDED ? Cue.SUCCESS : Cue.ATTENTION);
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
