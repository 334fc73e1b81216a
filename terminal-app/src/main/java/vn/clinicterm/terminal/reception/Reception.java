package vn.clinicterm.terminal.reception;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import vn.clinicterm.card.CitizenIdentity;
import vn.clinicterm.terminal.consent.ConsentDecision;
import vn.clinicterm.terminal.consent.ConsentPolicy;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.CheckIn;
import vn.clinicterm.terminal.storage.Consent;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.RecordOutcome;
import vn.clinicterm.terminal.storage.VisitLog;

/**
 * The counter's check-in flow, without a UI: asks the {@link ConsentPolicy} before a chip is read, stores the visit with
 * its consent, and tells listeners (the hand-off API's event stream, a screen) each stage — card read, verified,
 * checked in, eligibility known.
 *
 * <p>A UI that reads step by step calls {@link #mayRead}, then {@link #cardRead} and {@link #verified} as they happen,
 * then {@link #checkIn}; {@code checkIn} announces the card-read and verified stages itself only if they were not
 * already announced for the same ID number. A consent refusal is audited ({@code CONSENT_REFUSED}) without personal
 * data. Thread-safe.
 */
public final class Reception {

    private static final System.Logger LOG = System.getLogger(Reception.class.getName());

    private final VisitLog log;
    private final ConsentPolicy policy;
    private final Clock clock;
    private final List<ReceptionListener> listeners = new CopyOnWriteArrayList<>();
    private String announcedId;
    private boolean announcedVerified;

    private Reception(Builder b) {
        this.log = Objects.requireNonNull(b.log, "visitLog");
        this.policy = b.policy;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ConsentPolicy policy() {
        return policy;
    }

    public VisitLog visitLog() {
        return log;
    }

    public void addListener(ReceptionListener l) {
        listeners.add(Objects.requireNonNull(l));
    }

    public void removeListener(ReceptionListener l) {
        listeners.remove(l);
    }

    /** Before the chip is read: may it be? A refusal is audited with the staff member's name and the reason key. */
    public ConsentDecision mayRead(Optional<Consent> consent, String staff) {
        ConsentDecision d = policy.decide(consent, clock.instant());
        if (d instanceof ConsentDecision.Refused(String key)) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", key);
            details.put("terminal", log.terminalId());
            log.recordEvent(AuditType.CONSENT_REFUSED, staff, details);
        }
        return d;
    }

    /** The chip gave up its holder's identity (before verification): announces it. */
    public synchronized void cardRead(CitizenIdentity id) {
        announcedId = id.idNumber();
        announcedVerified = false;
        publish(new ReceptionEvent.CardRead(clock.instant(), id.idNumber(), id.fullName(), id.dateOfBirth(),
                id.gender(), id.residence()));
    }

    /** The same as {@link #cardRead(CitizenIdentity)} with the identity fields of a check-in. */
    public synchronized void cardRead(CheckIn in) {
        announcedId = in.idNumber();
        announcedVerified = false;
        publish(new ReceptionEvent.CardRead(clock.instant(), in.idNumber(), in.fullName(), in.dateOfBirth(),
                in.gender(), in.residence()));
    }

    public synchronized void verified(Indication indication, String subIndication, List<String> reasons) {
        announcedVerified = true;
        publish(new ReceptionEvent.Verified(clock.instant(), indication, subIndication, List.copyOf(reasons)));
    }

    /**
     * Stores the visit if the consent policy allows it (the check-in's own consent is what is judged), then announces
     * it. A refused check-in stores nothing. The card-read and verified stages already announced for this ID number
     * are not announced again, also when the visit log refused a first attempt (an unverified card without the staff
     * override) and staff then override.
     */
    public synchronized CheckInOutcome checkIn(CheckIn in) {
        ConsentDecision d = mayRead(in.consent(), in.staffUser());
        if (d instanceof ConsentDecision.Refused(String key)) {
            return new CheckInOutcome.ConsentRefused(key);
        }
        if (!in.idNumber().equals(announcedId)) {
            cardRead(in);
        }
        if (!announcedVerified) {
            verified(in.indication(), in.subIndication(), in.reasons());
        }
        RecordOutcome outcome = log.recordVisit(in);
        if (outcome instanceof RecordOutcome.Recorded || outcome instanceof RecordOutcome.Duplicate) {
            announcedId = null;
            announcedVerified = false;
        }
        if (outcome instanceof RecordOutcome.Recorded(long visitId)) {
            publish(new ReceptionEvent.CheckedIn(clock.instant(), visitId));
            if (in.eligibility() != Eligibility.PENDING) {
                publish(new ReceptionEvent.EligibilityKnown(clock.instant(), visitId, in.eligibility()));
            }
        }
        return new CheckInOutcome.Stored(outcome);
    }

    /** The insurer answered later (the sync listener calls this after updating the visit). */
    public void eligibilityKnown(long visitId, Eligibility eligibility) {
        if (eligibility != Eligibility.PENDING) {
            publish(new ReceptionEvent.EligibilityKnown(clock.instant(), visitId, eligibility));
        }
    }

    private void publish(ReceptionEvent e) {
        for (ReceptionListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "a reception listener threw {0}", ex.getClass().getName());
            }
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** Configures a {@link Reception}; the visit log is required, the policy defaults to a private facility's. */
    public static final class Builder {
        private VisitLog log;
        private ConsentPolicy policy = ConsentPolicy.privateFacility();
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        public Builder visitLog(VisitLog v) { log = v; return this; }

        public Builder consentPolicy(ConsentPolicy v) { policy = Objects.requireNonNull(v); return this; }

        public Builder clock(Clock v) { clock = Objects.requireNonNull(v); return this; }

        public Reception build() {
            return new Reception(this);
        }
    }
}
