package vn.clinicterm.terminal.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.sync.OutboxState;
import vn.clinicterm.sync.SyncListener;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.VisitLog;

/**
 * Writes eligibility answers that arrive through the outbox into their visits, so a visit recorded PENDING resolves
 * when the insurer is reachable again; then passes every event on to {@code next} (a UI). Never throws: a failed
 * update is logged (without personal data) and the visit keeps the status the outbox already gave it.
 */
public final class VisitEligibilityListener implements SyncListener {

    private static final System.Logger LOG = System.getLogger(VisitEligibilityListener.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VisitLog log;
    private final SyncListener next;

    public VisitEligibilityListener(VisitLog log, SyncListener next) {
        this.log = Objects.requireNonNull(log, "log");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void eligibilityResolved(String visitId, EligibilityResult result) {
        try {
            if (!(result instanceof EligibilityResult.Pending)) {
                log.updateEligibility(Long.parseLong(visitId), status(result), details(result));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not store the eligibility answer for visit {0}: {1}",
                    visitId, e.getClass().getName());
        }
        safely(() -> next.eligibilityResolved(visitId, result));
    }

    @Override
    public void deadLettered(java.util.UUID key, vn.clinicterm.sync.OutboxEntry.Kind kind, String reason) {
        safely(() -> next.deadLettered(key, kind, reason));
    }

    @Override
    public void roundFinished(OutboxState state) {
        safely(() -> next.roundFinished(state));
    }

    static Eligibility status(EligibilityResult r) {
        return switch (r) {
            case EligibilityResult.Eligible e -> Eligibility.ELIGIBLE;
            case EligibilityResult.NotEligible n -> Eligibility.NOT_ELIGIBLE;
            case EligibilityResult.UnknownPerson u -> Eligibility.UNKNOWN_PERSON;
            case EligibilityResult.Pending p -> Eligibility.PENDING;
            case EligibilityResult.Error e -> Eligibility.ERROR;
        };
    }

    /** The answer as stored (encrypted) with the visit: outcome, reason code and, when covered, the card's terms. */
    public static String details(EligibilityResult r) {
        ObjectNode n = JSON.createObjectNode().put("outcome", r.outcome()).put("reasonCode", r.reasonCode().name());
        switch (r) {
            case EligibilityResult.Eligible e -> {
                n.put("cardNumber", e.cardNumber()).put("validFrom", e.validFrom().toString())
                        .put("validTo", e.validTo().toString()).put("registeredFacility", e.registeredFacility())
                        .put("benefitLevel", e.benefitLevel());
                e.fiveYearContinuousFrom().ifPresent(d -> n.put("fiveYearContinuousFrom", d.toString()));
            }
            case EligibilityResult.NotEligible no -> n.put("reason", no.reason());
            case EligibilityResult.Error err -> n.put("reason", err.reason());
            case EligibilityResult.Pending p -> n.put("reason", p.reason());
            case EligibilityResult.UnknownPerson u -> { }
        }
        return n.toString();
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sync listener threw {0}", e.getClass().getName());
        }
    }
}
