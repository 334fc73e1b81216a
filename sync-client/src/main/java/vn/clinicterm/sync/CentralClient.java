package vn.clinicterm.sync;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The central service's API, version 1 ({@code central-api-v1.yaml} beside this class).
 *
 * <p>Contract: the server may have accepted a request whose response was lost. Every write therefore carries the
 * outbox entry's idempotency key, and callers must retry with the same key — the server answers a repeat with the
 * first answer (or reports the item as a duplicate) and answers the same key with a different body with 422. Methods
 * never throw for network or server trouble; they return outcomes and never block longer than the call timeout (plus
 * one token refresh). Writes are never retried silently by the HTTP layer ({@code retryOnConnectionFailure} is off);
 * retrying is the {@link SyncWorker}'s decision.
 */
public interface CentralClient {

    /** A union of this and the gateway's use: see {@link EligibilityProvider#check}. */
    EligibilityResult checkEligibility(EligibilityQuery query);

    /**
     * Uploads visits in one request. Each entry's own key travels with it; the request's {@code Idempotency-Key} is
     * derived from the set of entry keys, so resending the same batch is recognised as such. Returns an outcome for
     * every entry.
     */
    Map<UUID, SyncOutcome> uploadVisits(List<OutboxEntry> visits);

    /** Uploads one audit-chain anchor (the entry's payload) with the entry's idempotency key. */
    SyncOutcome uploadAuditAnchor(OutboxEntry anchor);

    /** Trust material newer than {@code sinceVersion}; empty when there is none. */
    TrustMaterialResult fetchTrustMaterial(Optional<String> sinceVersion);

    /** The answer of {@link #fetchTrustMaterial}. */
    sealed interface TrustMaterialResult {
        record Updated(TrustMaterial material) implements TrustMaterialResult {}

        record UpToDate() implements TrustMaterialResult {}

        record Failed(SyncError error) implements TrustMaterialResult {}
    }
}
