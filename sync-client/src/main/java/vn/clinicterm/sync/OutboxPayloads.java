package vn.clinicterm.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import vn.clinicterm.sync.internal.Json;

/**
 * The payload formats of {@link OutboxEntry}, so the visit database writes exactly what the worker will send.
 *
 * <ul>
 *   <li>VISIT: a JSON object per the {@code Visit} schema of {@code central-api-v1.yaml}; {@code visitId} required.
 *   <li>ELIGIBILITY_CHECK: {@link #eligibilityCheck(EligibilityQuery)}.
 *   <li>AUDIT_ANCHOR: {@link #auditAnchor(String, long, String, Instant)}.
 * </ul>
 */
public final class OutboxPayloads {

    private OutboxPayloads() {}

    public static String eligibilityCheck(EligibilityQuery q) {
        ObjectNode n = Json.object()
                .put("idNumber", q.idNumber())
                .put("fullName", q.fullName())
                .put("dateOfBirth", q.dateOfBirth().toString());
        q.cardNumber().ifPresent(c -> n.put("cardNumber", c));
        return Json.string(n);
    }

    /** Reads an ELIGIBILITY_CHECK payload; throws IllegalArgumentException (no personal data) if it is not one. */
    public static EligibilityQuery parseEligibilityCheck(String payload) {
        try {
            JsonNode n = Json.parseObject(payload.getBytes(StandardCharsets.UTF_8));
            Optional<String> card = Json.optText(n, "cardNumber");
            return new EligibilityQuery(Json.text(n, "idNumber"), Json.text(n, "fullName"),
                    LocalDate.parse(Json.text(n, "dateOfBirth")), card);
        } catch (Json.BadReply e) {
            throw new IllegalArgumentException("eligibility payload: " + e.getMessage());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("eligibility payload: bad dateOfBirth");
        }
    }

    /** A minimal visit payload; the visit database may add fields allowed by the schema. */
    public static String visit(String visitId, Instant arrivedAt, String facilityCode) {
        return Json.string(Json.object()
                .put("visitId", visitId)
                .put("arrivedAt", arrivedAt.toString())
                .put("facilityCode", facilityCode));
    }

    /** An audit-chain anchor: the hash of the chain's head at {@code sequence}. */
    public static String auditAnchor(String chainId, long sequence, String headHashHex, Instant recordedAt) {
        if (!headHashHex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("head hash must be 64 lowercase hex digits");
        }
        return Json.string(Json.object()
                .put("chainId", chainId)
                .put("sequence", sequence)
                .put("headHash", headHashHex)
                .put("recordedAt", recordedAt.toString()));
    }
}
