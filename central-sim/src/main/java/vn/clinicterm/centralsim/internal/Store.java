package vn.clinicterm.centralsim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The simulator's memory: idempotency records and what was received. Guarded by its own monitor. */
public final class Store {

    /** A response kept for replay under an idempotency key. */
    public record Stored(String bodyHash, int status, byte[] body) {}

    /** One visit item as received, in arrival order. */
    public record ReceivedVisit(String idempotencyKey, String patientKey, long sequence, String visitId, JsonNode visit) {}

    final Map<String, Stored> requests = new HashMap<>();
    final Map<String, String> itemHashes = new HashMap<>();
    final Map<String, Integer> keysPerVisitId = new HashMap<>();
    final List<ReceivedVisit> visits = new ArrayList<>();
    final Map<String, JsonNode> anchors = new HashMap<>();
    final Map<String, Long> faults = new TreeMap<>();
    long requestCount;
    long itemReplays;
    long requestReplays;
    long conflicts;
    long eligibilityChecks;
    long gatewayLogins;
    long gatewayLookups;

    public synchronized List<ReceivedVisit> visits() {
        return List.copyOf(visits);
    }

    synchronized void fault(String name) {
        faults.merge(name, 1L, Long::sum);
    }
}
