package vn.clinicterm.centralsim;

import java.util.Map;

/**
 * What the simulator received. "Stored" counts distinct idempotency keys; {@code duplicateVisitIds} counts visit ids
 * that arrived under more than one key (a client bug: the same visit queued twice) and must be 0.
 *
 * @param itemReplays visit items that arrived again under a key already stored (answered DUPLICATE)
 * @param requestReplays whole requests answered from the idempotency store
 * @param conflicts same key with a different body (answered 422 or REJECTED)
 */
public record SimStats(
        long requests,
        long visitsStored,
        long distinctVisitIds,
        long duplicateVisitIds,
        long itemReplays,
        long requestReplays,
        long conflicts,
        long eligibilityChecks,
        long anchorsStored,
        long gatewayLogins,
        long gatewayLookups,
        Map<String, Long> faultsInjected) {}
