package vn.clinicterm.sync.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import vn.clinicterm.sync.CentralClient;
import vn.clinicterm.sync.EligibilityQuery;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.sync.OutboxEntry;
import vn.clinicterm.sync.ReasonCode;
import vn.clinicterm.sync.SyncError;
import vn.clinicterm.sync.SyncError.Kind;
import vn.clinicterm.sync.SyncOutcome;
import vn.clinicterm.sync.TrustMaterial;

/** The central API v1 over OkHttp. See {@link CentralClient} for the contract. */
public final class RealCentralClient implements CentralClient {

    static final MediaType JSON = MediaType.get("application/json");
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final HttpUrl base;
    private final String facilityCode;
    private final OkHttpClient readClient;
    private final OkHttpClient writeClient;
    private final long maxBytes;
    private final Clock clock;

    /**
     * @param readClient used for lookups; may retry a failed connection itself
     * @param writeClient used for writes; must have {@code retryOnConnectionFailure(false)}
     */
    public RealCentralClient(String baseUrl, String facilityCode, OkHttpClient readClient, OkHttpClient writeClient,
            long maxBytes, Clock clock) {
        this.base = HttpUrl.get(baseUrl);
        this.facilityCode = facilityCode;
        this.readClient = readClient;
        this.writeClient = writeClient;
        if (writeClient.retryOnConnectionFailure()) {
            throw new IllegalArgumentException("the write client must not retry on connection failure");
        }
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    private HttpUrl url(String path) {
        return base.newBuilder().addPathSegments(path).build();
    }

    @Override
    public EligibilityResult checkEligibility(EligibilityQuery q) {
        ObjectNode body = Json.object()
                .put("facilityCode", facilityCode)
                .put("idNumber", q.idNumber())
                .put("fullName", q.fullName())
                .put("dateOfBirth", q.dateOfBirth().toString());
        q.cardNumber().ifPresent(c -> body.put("cardNumber", c));
        Request request = new Request.Builder()
                .url(url("v1/eligibility"))
                .post(RequestBody.create(Json.bytes(body), JSON))
                .build();
        return switch (Calls.execute(readClient, request, maxBytes, clock)) {
            case Calls.Reply.Failed f -> Results.eligibilityFailure(f.error());
            case Calls.Reply.Ok ok -> {
                try {
                    yield parseEligibility(Json.parseObject(ok.body()));
                } catch (Json.BadReply e) {
                    yield new EligibilityResult.Error(ReasonCode.BAD_REPLY, "eligibility reply: " + e.getMessage());
                }
            }
        };
    }

    static EligibilityResult parseEligibility(JsonNode n) throws Json.BadReply {
        String outcome = Json.text(n, "outcome");
        String codeText = Json.text(n, "reasonCode");
        ReasonCode code;
        try {
            code = ReasonCode.valueOf(codeText);
        } catch (IllegalArgumentException e) {
            return new EligibilityResult.Error(ReasonCode.UNKNOWN_CODE, "unknown reason code from central");
        }
        return switch (outcome) {
            case "ELIGIBLE" -> {
                JsonNode card = Json.objectField(n, "card");
                String number = Json.text(card, "number");
                if (!number.matches("[A-Z]{2}\\d{13}")) {
                    throw new Json.BadReply("card.number is not a 15-character card code");
                }
                int level = Json.integer(card, "benefitLevel");
                if (level < 0 || level > 100) {
                    throw new Json.BadReply("card.benefitLevel is not a percentage");
                }
                var from = Json.isoDate(card, "validFrom");
                var to = Json.isoDate(card, "validTo");
                if (to.isBefore(from)) {
                    throw new Json.BadReply("card validity ends before it starts");
                }
                yield new EligibilityResult.Eligible(number, from, to, Json.text(card, "registeredFacility"), level,
                        Json.optIsoDate(card, "fiveYearContinuousFrom"), code);
            }
            case "NOT_ELIGIBLE" -> new EligibilityResult.NotEligible(code, Json.optText(n, "reason").orElse(code.name()));
            case "UNKNOWN_PERSON" -> new EligibilityResult.UnknownPerson(code);
            default -> new EligibilityResult.Error(ReasonCode.UNKNOWN_CODE, "unknown outcome from central");
        };
    }

    @Override
    public Map<UUID, SyncOutcome> uploadVisits(List<OutboxEntry> visits) {
        Map<UUID, SyncOutcome> out = new LinkedHashMap<>();
        List<OutboxEntry> sendable = new ArrayList<>();
        ArrayNode items = Json.MAPPER.createArrayNode();
        for (OutboxEntry e : visits) {
            JsonNode payload;
            try {
                payload = Json.parseObject(e.payload().getBytes(StandardCharsets.UTF_8));
                Json.text(payload, "visitId");
            } catch (Json.BadReply bad) {
                out.put(e.idempotencyKey(), new SyncOutcome.Rejected(
                        SyncError.of(Kind.LOCAL, "visit payload in the outbox: " + bad.getMessage())));
                continue;
            }
            items.addObject()
                    .put("idempotencyKey", e.idempotencyKey().toString())
                    .put("sequence", e.sequence())
                    .put("patientKey", e.patientKey())
                    .set("visit", payload);
            sendable.add(e);
        }
        if (sendable.isEmpty()) {
            return out;
        }
        ObjectNode body = Json.object().put("facilityCode", facilityCode);
        body.set("visits", items);
        Request request = new Request.Builder()
                .url(url("v1/visits/batch"))
                .header(IDEMPOTENCY_KEY, batchKey(sendable).toString())
                .post(RequestBody.create(Json.bytes(body), JSON))
                .build();
        switch (Calls.execute(writeClient, request, maxBytes, clock)) {
            case Calls.Reply.Failed f -> {
                SyncOutcome o = Results.writeFailure(f.error());
                sendable.forEach(e -> out.put(e.idempotencyKey(), o));
            }
            case Calls.Reply.Ok ok -> out.putAll(parseBatch(ok.body(), sendable));
        }
        return out;
    }

    /** A key for the batch as a whole, derived from its entries' keys: the same batch resent has the same key. */
    static UUID batchKey(List<OutboxEntry> entries) {
        StringBuilder sb = new StringBuilder("visits-batch");
        entries.stream().map(e -> e.idempotencyKey().toString()).sorted().forEach(k -> sb.append(',').append(k));
        return UUID.nameUUIDFromBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static Map<UUID, SyncOutcome> parseBatch(byte[] bytes, List<OutboxEntry> sent) {
        Map<UUID, SyncOutcome> out = new HashMap<>();
        SyncOutcome missing = new SyncOutcome.RetryLater(
                SyncError.of(Kind.MALFORMED_RESPONSE, "batch reply did not list this entry"));
        try {
            JsonNode results = Json.parseObject(bytes).get("results");
            if (results == null || !results.isArray()) {
                throw new Json.BadReply("field results is not an array");
            }
            Map<UUID, SyncOutcome> seen = new HashMap<>();
            for (JsonNode r : results) {
                if (!r.isObject()) {
                    throw new Json.BadReply("results[] is not an object");
                }
                UUID key;
                try {
                    key = UUID.fromString(Json.text(r, "idempotencyKey"));
                } catch (IllegalArgumentException e) {
                    throw new Json.BadReply("results[].idempotencyKey is not a UUID");
                }
                String status = Json.text(r, "status");
                seen.put(key, switch (status) {
                    case "ACCEPTED" -> new SyncOutcome.Delivered(false);
                    case "DUPLICATE" -> new SyncOutcome.Delivered(true);
                    case "REJECTED" -> new SyncOutcome.Rejected(SyncError.of(Kind.REJECTED,
                            "server rejected the visit: " + safeCode(r)));
                    default -> new SyncOutcome.RetryLater(
                            SyncError.of(Kind.MALFORMED_RESPONSE, "unknown item status from central"));
                });
            }
            for (OutboxEntry e : sent) {
                out.put(e.idempotencyKey(), seen.getOrDefault(e.idempotencyKey(), missing));
            }
        } catch (Json.BadReply e) {
            SyncOutcome retry = new SyncOutcome.RetryLater(
                    SyncError.of(Kind.MALFORMED_RESPONSE, "batch reply: " + e.getMessage()));
            sent.forEach(s -> out.put(s.idempotencyKey(), retry));
        }
        return out;
    }

    private static String safeCode(JsonNode r) {
        JsonNode c = r.get("code");
        return c != null && c.isTextual() && c.textValue().matches("[A-Za-z0-9_]{1,40}") ? c.textValue() : "no code";
    }

    @Override
    public SyncOutcome uploadAuditAnchor(OutboxEntry anchor) {
        JsonNode payload;
        try {
            payload = Json.parseObject(anchor.payload().getBytes(StandardCharsets.UTF_8));
        } catch (Json.BadReply bad) {
            return new SyncOutcome.Rejected(SyncError.of(Kind.LOCAL, "anchor payload: " + bad.getMessage()));
        }
        Request request = new Request.Builder()
                .url(url("v1/audit-anchors"))
                .header(IDEMPOTENCY_KEY, anchor.idempotencyKey().toString())
                .post(RequestBody.create(Json.bytes(payload), JSON))
                .build();
        return switch (Calls.execute(writeClient, request, maxBytes, clock)) {
            case Calls.Reply.Failed f -> Results.writeFailure(f.error());
            case Calls.Reply.Ok ok -> new SyncOutcome.Delivered("true".equals(ok.headers().get("Idempotent-Replayed")));
        };
    }

    @Override
    public TrustMaterialResult fetchTrustMaterial(Optional<String> sinceVersion) {
        HttpUrl.Builder u = url("v1/trust-material").newBuilder();
        sinceVersion.ifPresent(v -> u.addQueryParameter("since", v));
        Request request = new Request.Builder().url(u.build()).get().build();
        return switch (Calls.execute(readClient, request, maxBytes, clock)) {
            case Calls.Reply.Failed f -> new TrustMaterialResult.Failed(f.error());
            case Calls.Reply.Ok ok when ok.status() == 204 || ok.status() == 304 -> new TrustMaterialResult.UpToDate();
            case Calls.Reply.Ok ok -> {
                try {
                    JsonNode n = Json.parseObject(ok.body());
                    yield new TrustMaterialResult.Updated(new TrustMaterial(Json.text(n, "version"),
                            Instant.parse(Json.text(n, "issuedAt")),
                            Base64.getDecoder().decode(Json.text(n, "signedBlob"))));
                } catch (Json.BadReply e) {
                    yield new TrustMaterialResult.Failed(
                            SyncError.of(Kind.MALFORMED_RESPONSE, "trust material: " + e.getMessage()));
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    yield new TrustMaterialResult.Failed(
                            SyncError.of(Kind.MALFORMED_RESPONSE, "trust material: bad issuedAt or signedBlob"));
                }
            }
        };
    }
}
