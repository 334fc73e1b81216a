package vn.clinicterm.centralsim.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.clinicterm.centralsim.CheckInReceiver;
import vn.clinicterm.centralsim.FaultSpec;
import vn.clinicterm.centralsim.FaultSpec.Fault;
import vn.clinicterm.centralsim.InsuredPeople;
import vn.clinicterm.centralsim.InsuredPeople.Insured;
import vn.clinicterm.centralsim.SimStats;

/** Every route of the simulator, behind one handler so faults and body limits apply uniformly. */
public final class SimHandler implements HttpHandler {

    public static final ObjectMapper JSON = JsonMapper.builder().build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(1 << 20).maxNumberLength(30).build());
    }

    private static final DateTimeFormatter DMY =
            DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern CHECK_IN = Pattern.compile("/api/qd130/checkInKcbQd(\\d{4})");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Settings fixed at start. */
    public record Settings(
            int maxBodyBytes,
            String gatewayUsername,
            String gatewayPasswordMd5,
            Map<String, String> registeredStaff,
            Duration tokenLifetime,
            Optional<String[]> centralCredentials,
            Optional<CheckInReceiver> checkIn,
            Clock clock) {}

    private final Settings settings;
    private final Store store = new Store();
    private final Random random;
    private final SecureRandom tokens = new SecureRandom();
    private final Map<String, Instant> gatewayTokens = new HashMap<>();
    private final Map<String, Instant> bearerTokens = new HashMap<>();
    private final Deque<Fault> nextFaults = new ArrayDeque<>();
    private volatile FaultSpec spec;
    private volatile boolean closing;

    public SimHandler(Settings settings, FaultSpec spec, long seed) {
        this.settings = settings;
        this.spec = spec;
        this.random = new Random(seed);
    }

    public Store store() {
        return store;
    }

    public void closing() {
        closing = true;
    }

    public FaultSpec spec() {
        return spec;
    }

    public void setSpec(FaultSpec s) {
        this.spec = s;
    }

    public void failNext(Fault fault, int count) {
        synchronized (nextFaults) {
            for (int i = 0; i < count; i++) {
                nextFaults.addLast(fault);
            }
        }
    }

    public SimStats stats() {
        synchronized (store) {
            long dupIds = store.keysPerVisitId.values().stream().filter(c -> c > 1).count();
            return new SimStats(store.requestCount, store.visits.size(), store.keysPerVisitId.size(), dupIds,
                    store.itemReplays, store.requestReplays, store.conflicts, store.eligibilityChecks,
                    store.anchors.size(), store.gatewayLogins, store.gatewayLookups, Map.copyOf(store.faults));
        }
    }

    /** A response to send: status, JSON bytes, extra headers. */
    private record Reply(int status, byte[] body, Map<String, String> headers) {
        static Reply json(int status, JsonNode node) {
            try {
                return new Reply(status, JSON.writeValueAsBytes(node), Map.of());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        static Reply error(int status, String code, String message) {
            return json(status, JSON.createObjectNode().put("error", code).put("message", message));
        }
    }

    /** A request we refuse: becomes a 4xx JSON error. */
    private static final class BadRequest extends Exception {
        final int status;
        final String code;

        BadRequest(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        BadRequest(String message) {
            this(400, "BAD_REQUEST", message);
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String method = ex.getRequestMethod();
            if (path.startsWith("/_sim/")) {
                send(ex, control(ex, method, path));
                return;
            }
            synchronized (store) {
                store.requestCount++;
            }
            byte[] body;
            try {
                body = readBody(ex);
            } catch (BadRequest e) {
                send(ex, Reply.error(e.status, e.code, e.getMessage()));
                return;
            }
            FaultSpec s = spec;
            if (!s.latency().isZero()) {
                sleep(Duration.ofMillis((long) (draw() * s.latency().toMillis())));
            }
            Fault fault = nextFault(s);
            if (fault != null) {
                store.fault(fault.name());
            }
            if (fault == Fault.ERROR_500) {
                send(ex, Reply.error(500, "INTERNAL", "injected fault"));
                return;
            }
            if (fault == Fault.ERROR_503) {
                send(ex, Reply.error(503, "UNAVAILABLE", "injected fault"));
                return;
            }
            if (fault == Fault.RATE_429) {
                Reply r = Reply.error(429, "RATE_LIMITED", "injected fault");
                send(ex, new Reply(429, r.body(), Map.of("Retry-After", String.valueOf(s.retryAfterSeconds()))));
                return;
            }
            Reply reply;
            try {
                reply = route(ex, method, path, body);
            } catch (BadRequest e) {
                reply = Reply.error(e.status, e.code, e.getMessage());
            } catch (RuntimeException e) {
                reply = Reply.error(500, "INTERNAL", e.getClass().getSimpleName());
            }
            if (fault == Fault.DROP_AFTER_PROCESS) {
                return; // closing the exchange before any response drops the connection
            }
            if (fault == Fault.MALFORMED_JSON) {
                byte[] cut = java.util.Arrays.copyOf(reply.body(), Math.max(1, reply.body().length / 2));
                send(ex, new Reply(200, cut, Map.of()));
                return;
            }
            if (fault == Fault.SLOW_DRIP) {
                drip(ex, reply);
                return;
            }
            send(ex, reply);
        }
    }

    private synchronized double draw() {
        return random.nextDouble();
    }

    private Fault nextFault(FaultSpec s) {
        synchronized (nextFaults) {
            if (!nextFaults.isEmpty()) {
                return nextFaults.pollFirst();
            }
        }
        return s.pick(draw());
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] readBody(HttpExchange ex) throws IOException, BadRequest {
        String cl = ex.getRequestHeaders().getFirst("Content-Length");
        if (cl != null) {
            try {
                if (Long.parseLong(cl.trim()) > settings.maxBodyBytes()) {
                    throw new BadRequest(413, "TOO_LARGE", "body exceeds " + settings.maxBodyBytes() + " bytes");
                }
            } catch (NumberFormatException e) {
                throw new BadRequest("bad Content-Length");
            }
        }
        InputStream in = ex.getRequestBody();
        byte[] buf = in.readNBytes(settings.maxBodyBytes() + 1);
        if (buf.length > settings.maxBodyBytes()) {
            throw new BadRequest(413, "TOO_LARGE", "body exceeds " + settings.maxBodyBytes() + " bytes");
        }
        return buf;
    }

    private static void send(HttpExchange ex, Reply r) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (r.status() == 204) {
            ex.sendResponseHeaders(204, -1);
            return;
        }
        ex.sendResponseHeaders(r.status(), r.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(r.body());
        }
    }

    /** One byte every 100 ms, for at most 15 s; the client's call timeout should give up long before. */
    private void drip(HttpExchange ex, Reply r) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(r.status(), r.body().length);
        OutputStream out = ex.getResponseBody();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (byte b : r.body()) {
            if (closing || System.nanoTime() > deadline) {
                break;
            }
            out.write(b);
            out.flush();
            sleep(Duration.ofMillis(100));
        }
    }

    // ---- routing ----

    private Reply route(HttpExchange ex, String method, String path, byte[] body) throws BadRequest {
        Matcher checkIn = CHECK_IN.matcher(path);
        if (checkIn.matches()) {
            requirePost(method);
            return checkIn(ex, Integer.parseInt(checkIn.group(1)), body);
        }
        return switch (path) {
            case "/v1/auth/token" -> {
                requirePost(method);
                yield centralToken(body);
            }
            case "/v1/eligibility" -> {
                requirePost(method);
                requireBearer(ex);
                yield eligibility(body);
            }
            case "/v1/visits/batch" -> {
                requirePost(method);
                requireBearer(ex);
                yield idempotent(ex, path, body, this::visitsBatch);
            }
            case "/v1/audit-anchors" -> {
                requirePost(method);
                requireBearer(ex);
                yield idempotent(ex, path, body, this::anchor);
            }
            case "/v1/trust-material" -> {
                if (!method.equals("GET")) {
                    throw new BadRequest(405, "METHOD_NOT_ALLOWED", "use GET");
                }
                requireBearer(ex);
                yield trustMaterial(ex);
            }
            case "/api/token/take" -> {
                requirePost(method);
                yield gatewayToken(ex, body);
            }
            case "/api/egw/KQNhanLichSuKCB2024" -> {
                requirePost(method);
                yield gatewayLookup(ex, body);
            }
            default -> throw new BadRequest(404, "NOT_FOUND", "no such endpoint");
        };
    }

    private static void requirePost(String method) throws BadRequest {
        if (!method.equals("POST")) {
            throw new BadRequest(405, "METHOD_NOT_ALLOWED", "use POST");
        }
    }

    private static ObjectNode object(byte[] body) throws BadRequest {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || !n.isObject()) {
                throw new BadRequest("body must be a JSON object");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new BadRequest("malformed JSON");
        }
    }

    private static String text(JsonNode n, String field, int maxLen) throws BadRequest {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.textValue().isEmpty() || v.textValue().length() > maxLen) {
            throw new BadRequest("field " + field + " must be a string of 1.." + maxLen + " characters");
        }
        return v.textValue();
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Processor {
        Reply process(ObjectNode body, String key) throws BadRequest;
    }

    /** Same key + same body → the first answer again; same key + other body → 422. */
    private Reply idempotent(HttpExchange ex, String path, byte[] body, Processor p) throws BadRequest {
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || !UUID_TEXT.matcher(key).matches()) {
            throw new BadRequest(400, "IDEMPOTENCY_KEY_REQUIRED", "Idempotency-Key must be a UUID");
        }
        ObjectNode parsed = object(body);
        String hash = sha256(body);
        String scoped = path + " " + key.toLowerCase(java.util.Locale.ROOT);
        synchronized (store) {
            Store.Stored s = store.requests.get(scoped);
            if (s != null) {
                if (!s.bodyHash().equals(hash)) {
                    store.conflicts++;
                    return Reply.error(422, "IDEMPOTENCY_KEY_REUSED", "this key was used with a different body");
                }
                store.requestReplays++;
                return new Reply(s.status(), s.body(), Map.of("Idempotent-Replayed", "true"));
            }
            Reply r = p.process(parsed, key);
            if (r.status() < 500) {
                store.requests.put(scoped, new Store.Stored(hash, r.status(), r.body()));
            }
            return r;
        }
    }

    // ---- central API v1 ----

    private void requireBearer(HttpExchange ex) throws BadRequest {
        if (settings.centralCredentials().isEmpty()) {
            return;
        }
        String h = ex.getRequestHeaders().getFirst("Authorization");
        String token = h != null && h.startsWith("Bearer ") ? h.substring(7) : "";
        synchronized (bearerTokens) {
            Instant exp = bearerTokens.get(token);
            if (exp == null || !settings.clock().instant().isBefore(exp)) {
                throw new BadRequest(401, "UNAUTHORIZED", "bearer token missing, unknown or expired");
            }
        }
    }

    private Reply centralToken(byte[] body) throws BadRequest {
        ObjectNode n = object(body);
        String id = text(n, "clientId", 100);
        String secret = text(n, "clientSecret", 200);
        String[] creds = settings.centralCredentials().orElse(new String[] {id, secret});
        if (!creds[0].equals(id) || !creds[1].equals(secret)) {
            throw new BadRequest(401, "UNAUTHORIZED", "bad client credentials");
        }
        String token = newToken();
        synchronized (bearerTokens) {
            bearerTokens.put(token, settings.clock().instant().plus(settings.tokenLifetime()));
        }
        return Reply.json(200, JSON.createObjectNode().put("access_token", token).put("token_type", "Bearer")
                .put("expires_in", settings.tokenLifetime().toSeconds()));
    }

    private Reply eligibility(byte[] body) throws BadRequest {
        ObjectNode n = object(body);
        String id = text(n, "idNumber", 12);
        if (!id.matches("\\d{12}")) {
            throw new BadRequest("idNumber must be 12 digits");
        }
        String name = text(n, "fullName", 200);
        LocalDate dob;
        try {
            dob = LocalDate.parse(text(n, "dateOfBirth", 10));
        } catch (DateTimeParseException e) {
            throw new BadRequest("dateOfBirth must be yyyy-MM-dd");
        }
        synchronized (store) {
            store.eligibilityChecks++;
        }
        Optional<Insured> found = InsuredPeople.byIdNumber(id);
        ObjectNode out = JSON.createObjectNode();
        if (found.isEmpty()) {
            return Reply.json(200, out.put("outcome", "UNKNOWN_PERSON").put("reasonCode", "NOT_FOUND"));
        }
        Insured p = found.get();
        if (!InsuredPeople.sameName(p.citizen().fullName(), name)) {
            return Reply.json(200, out.put("outcome", "NOT_ELIGIBLE").put("reasonCode", "NAME_MISMATCH")
                    .put("reason", "name does not match the register"));
        }
        if (!p.citizen().dateOfBirth().equals(dob)) {
            return Reply.json(200, out.put("outcome", "NOT_ELIGIBLE").put("reasonCode", "DOB_MISMATCH")
                    .put("reason", "date of birth does not match the register"));
        }
        return Reply.json(200, switch (p.status()) {
            case EXPIRED -> out.put("outcome", "NOT_ELIGIBLE").put("reasonCode", "EXPIRED").put("reason", "card expired");
            case REVOKED -> out.put("outcome", "NOT_ELIGIBLE").put("reasonCode", "REVOKED").put("reason", "card revoked");
            case WITHDRAWN -> out.put("outcome", "NOT_ELIGIBLE").put("reasonCode", "COVERAGE_WITHDRAWN")
                    .put("reason", "taken off the roll");
            case ELIGIBLE, REDUCED_BENEFIT, CARD_RENEWED -> {
                out.put("outcome", "ELIGIBLE")
                        .put("reasonCode", p.status() == InsuredPeople.Status.CARD_RENEWED ? "CARD_RENEWED" : "VALID");
                ObjectNode card = out.putObject("card")
                        .put("number", p.cardNumber())
                        .put("validFrom", p.validFrom().toString())
                        .put("validTo", p.validTo().toString())
                        .put("registeredFacility", p.registeredFacility())
                        .put("benefitLevel", p.benefitLevel());
                p.fiveYearContinuousFrom().ifPresentOrElse(d -> card.put("fiveYearContinuousFrom", d.toString()),
                        () -> card.putNull("fiveYearContinuousFrom"));
                yield out;
            }
        });
    }

    private Reply visitsBatch(ObjectNode body, String requestKey) throws BadRequest {
        text(body, "facilityCode", 5);
        JsonNode visits = body.get("visits");
        if (visits == null || !visits.isArray() || visits.isEmpty() || visits.size() > 1000) {
            throw new BadRequest("visits must be an array of 1..1000 items");
        }
        ObjectNode out = JSON.createObjectNode();
        var results = out.putArray("results");
        for (JsonNode item : visits) {
            JsonNode keyNode = item.get("idempotencyKey");
            if (!item.isObject() || keyNode == null || !keyNode.isTextual()
                    || !UUID_TEXT.matcher(keyNode.textValue()).matches()) {
                throw new BadRequest("every visit needs an idempotencyKey UUID");
            }
            String key = keyNode.textValue().toLowerCase(java.util.Locale.ROOT);
            ObjectNode r = results.addObject().put("idempotencyKey", key);
            JsonNode visit = item.get("visit");
            JsonNode visitId = visit == null ? null : visit.get("visitId");
            JsonNode patient = item.get("patientKey");
            JsonNode seq = item.get("sequence");
            if (visit == null || !visit.isObject() || visitId == null || !visitId.isTextual()
                    || visitId.textValue().isEmpty() || visitId.textValue().length() > 64
                    || patient == null || !patient.isTextual() || seq == null || !seq.canConvertToLong()) {
                r.put("status", "REJECTED").put("code", "INVALID_ITEM");
                continue;
            }
            String hash;
            try {
                hash = sha256(JSON.writeValueAsBytes(item));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            String known = store.itemHashes.get(key);
            if (known == null) {
                store.itemHashes.put(key, hash);
                store.keysPerVisitId.merge(visitId.textValue(), 1, Integer::sum);
                store.visits.add(new Store.ReceivedVisit(key, patient.textValue(), seq.longValue(),
                        visitId.textValue(), visit));
                r.put("status", "ACCEPTED");
            } else if (known.equals(hash)) {
                store.itemReplays++;
                r.put("status", "DUPLICATE");
            } else {
                store.conflicts++;
                r.put("status", "REJECTED").put("code", "IDEMPOTENCY_KEY_REUSED");
            }
        }
        return Reply.json(200, out);
    }

    private Reply anchor(ObjectNode body, String key) throws BadRequest {
        text(body, "chainId", 64);
        String hash = text(body, "headHash", 64);
        if (!hash.matches("[0-9a-f]{64}")) {
            throw new BadRequest("headHash must be 64 lowercase hex digits");
        }
        if (body.get("sequence") == null || !body.get("sequence").canConvertToLong()) {
            throw new BadRequest("sequence must be an integer");
        }
        String id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.US_ASCII)).toString();
        store.anchors.put(key, body);
        return Reply.json(201, JSON.createObjectNode().put("anchorId", id)
                .put("receivedAt", settings.clock().instant().toString()));
    }

    private Reply trustMaterial(HttpExchange ex) {
        String query = ex.getRequestURI().getRawQuery();
        Map<String, String> q = form(query == null ? "" : query);
        String version = "2026.1";
        if (version.equals(q.get("since"))) {
            return new Reply(204, new byte[0], Map.of());
        }
        byte[] blob = ("central-sim trust material " + version + " (opaque, unsigned placeholder)")
                .getBytes(StandardCharsets.US_ASCII);
        return Reply.json(200, JSON.createObjectNode().put("version", version)
                .put("issuedAt", "2026-01-01T00:00:00Z")
                .put("signedBlob", Base64.getEncoder().encodeToString(blob)));
    }

    // ---- BHXH gateway ----

    private static Map<String, String> form(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : s.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.putIfAbsent(k, v);
        }
        return m;
    }

    private Map<String, String> formOrJson(HttpExchange ex, byte[] body) throws BadRequest {
        String ct = ex.getRequestHeaders().getFirst("Content-Type");
        if (ct != null && ct.startsWith("application/x-www-form-urlencoded")) {
            try {
                return form(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed form body");
            }
        }
        ObjectNode n = object(body);
        Map<String, String> m = new LinkedHashMap<>();
        var it = n.properties().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().isTextual()) {
                m.put(e.getKey(), e.getValue().textValue());
            }
        }
        return m;
    }

    private String newToken() {
        byte[] b = new byte[24];
        tokens.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private Reply gatewayToken(HttpExchange ex, byte[] body) throws BadRequest {
        Map<String, String> f = formOrJson(ex, body);
        synchronized (store) {
            store.gatewayLogins++;
        }
        String user = f.getOrDefault("username", "");
        String pass = f.getOrDefault("password", "");
        if (!user.equals(settings.gatewayUsername()) || !pass.equalsIgnoreCase(settings.gatewayPasswordMd5())) {
            return Reply.json(200, JSON.createObjectNode().put("maKetQua", "401").putNull("APIKey"));
        }
        String access = newToken();
        String id = newToken();
        Instant exp = settings.clock().instant().plus(settings.tokenLifetime());
        synchronized (gatewayTokens) {
            gatewayTokens.put(access + " " + id, exp);
        }
        ObjectNode out = JSON.createObjectNode().put("maKetQua", "200");
        out.putObject("APIKey").put("access_token", access).put("id_token", id).put("token_type", "bearer")
                .put("username", user).put("expires_in", exp.toString());
        return Reply.json(200, out);
    }

    private boolean gatewayTokenValid(String access, String id, String user, String passMd5) {
        if (access == null || id == null || !settings.gatewayUsername().equals(user)
                || passMd5 == null || !passMd5.equalsIgnoreCase(settings.gatewayPasswordMd5())) {
            return false;
        }
        synchronized (gatewayTokens) {
            Instant exp = gatewayTokens.get(access + " " + id);
            return exp != null && settings.clock().instant().isBefore(exp);
        }
    }

    private Reply gatewayLookup(HttpExchange ex, byte[] body) throws BadRequest {
        String query = ex.getRequestURI().getRawQuery();
        Map<String, String> q = form(query == null ? "" : query);
        synchronized (store) {
            store.gatewayLookups++;
        }
        ObjectNode out = JSON.createObjectNode();
        if (!gatewayTokenValid(q.get("token"), q.get("id_token"), q.get("username"), q.get("password"))) {
            return Reply.json(200, out.put("maKetQua", "401").put("ghiChu", "token invalid or expired"));
        }
        ObjectNode n;
        try {
            n = object(body);
        } catch (BadRequest e) {
            return Reply.json(200, out.put("maKetQua", "205").put("ghiChu", "bad parameter"));
        }
        String maThe = n.path("maThe").asText("");
        String hoTen = n.path("hoTen").asText("");
        String ngaySinh = n.path("ngaySinh").asText("");
        String hoTenCb = n.path("hoTenCb").asText("");
        String cccdCb = n.path("cccdCb").asText("");
        if (maThe.isEmpty() || hoTen.isEmpty() || ngaySinh.isEmpty() || hoTenCb.isEmpty() || cccdCb.isEmpty()) {
            return Reply.json(200, out.put("maKetQua", "205").put("ghiChu", "bad parameter"));
        }
        String staff = settings.registeredStaff().get(cccdCb);
        if (staff == null) {
            return Reply.json(200, out.put("maKetQua", "054").put("ghiChu", "staff not registered"));
        }
        if (!InsuredPeople.sameName(staff, hoTenCb)) {
            return Reply.json(200, out.put("maKetQua", "055").put("ghiChu", "staff details do not match"));
        }
        Optional<Insured> found;
        if (maThe.matches("\\d{12}")) {
            found = InsuredPeople.byIdNumber(maThe);
        } else if (maThe.matches("[A-Z]{2}\\d{13}")) {
            found = InsuredPeople.byCardNumber(maThe);
        } else {
            return Reply.json(200, out.put("maKetQua", "051").put("ghiChu", "card code invalid"));
        }
        if (found.isEmpty()) {
            return Reply.json(200, out.put("maKetQua", "050").put("ghiChu", "card not found"));
        }
        Insured p = found.get();
        if (!InsuredPeople.sameName(p.citizen().fullName(), hoTen)) {
            return Reply.json(200, out.put("maKetQua", "060").put("ghiChu", "name mismatch"));
        }
        LocalDate dob;
        try {
            dob = LocalDate.parse(ngaySinh, DMY);
        } catch (DateTimeParseException e) {
            return Reply.json(200, out.put("maKetQua", "205").put("ghiChu", "bad date"));
        }
        if (!p.citizen().dateOfBirth().equals(dob)) {
            return Reply.json(200, out.put("maKetQua", "070").put("ghiChu", "date of birth mismatch"));
        }
        String code = switch (p.status()) {
            case ELIGIBLE, REDUCED_BENEFIT -> "000";
            case CARD_RENEWED -> "004";
            case EXPIRED -> "010";
            case REVOKED -> "110";
            case WITHDRAWN -> "120";
        };
        out.put("maKetQua", code).put("ghiChu", "synthetic");
        out.put("hoTen", p.citizen().fullName()).put("ngaySinh", DMY.format(p.citizen().dateOfBirth()));
        String card = p.previousCardNumber().orElse(p.cardNumber());
        out.put("maThe", card).put("maDKBD", p.registeredFacility())
                .put("gtTheTu", DMY.format(p.validFrom())).put("gtTheDen", DMY.format(p.validTo()));
        p.fiveYearContinuousFrom().ifPresent(d -> out.put("ngayDu5Nam", DMY.format(d)));
        if (p.previousCardNumber().isPresent()) {
            out.put("maTheMoi", p.cardNumber()).put("gtTheTuMoi", DMY.format(p.validFrom()))
                    .put("gtTheDenMoi", DMY.format(p.validTo())).put("maDKBDMoi", p.registeredFacility());
        }
        return Reply.json(200, out);
    }

    /** The validating hook point for issue 9 §3; see {@link CheckInReceiver}. */
    private Reply checkIn(HttpExchange ex, int decision, byte[] body) throws BadRequest {
        if (decision != 3176 && decision != 4750) {
            throw new BadRequest(404, "NOT_FOUND", "unknown decision version");
        }
        var h = ex.getRequestHeaders();
        String ct = h.getFirst("Content-Type");
        if (ct == null || !ct.startsWith("application/x-www-form-urlencoded")) {
            throw new BadRequest(415, "UNSUPPORTED_MEDIA_TYPE", "use application/x-www-form-urlencoded");
        }
        Map<String, String> f;
        try {
            f = form(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("malformed form body");
        }
        if (!gatewayTokenValid(h.getFirst("accessToken"), h.getFirst("tokenId"), f.get("username"),
                h.getFirst("passwordHash"))) {
            throw new BadRequest(401, "UNAUTHORIZED", "token invalid or expired");
        }
        if (!"0".equals(f.get("loaiHoSo"))) {
            throw new BadRequest("loaiHoSo must be 0");
        }
        if (f.get("maTinh") == null || !f.get("maTinh").matches("\\d{2}")) {
            throw new BadRequest("maTinh must be 2 digits");
        }
        if (f.get("maCSKCB") == null || !f.get("maCSKCB").matches("[0-9A-Za-z]{5}")) {
            throw new BadRequest("maCSKCB must be 5 characters");
        }
        byte[] xml;
        try {
            xml = Base64.getDecoder().decode(f.getOrDefault("fileHSBase64", ""));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("fileHSBase64 is not base64");
        }
        if (xml.length == 0) {
            throw new BadRequest("fileHSBase64 is empty");
        }
        if (settings.checkIn().isEmpty()) {
            throw new BadRequest(501, "NOT_IMPLEMENTED", "this simulator was started without a check-in receiver");
        }
        return Reply.json(200, JSON.valueToTree(settings.checkIn().get().receive(decision, Map.copyOf(f), xml)));
    }

    // ---- simulator control ----

    private Reply control(HttpExchange ex, String method, String path) throws IOException {
        switch (path) {
            case "/_sim/stats" -> {
                return Reply.json(200, JSON.valueToTree(stats()));
            }
            case "/_sim/faults" -> {
                if (method.equals("POST")) {
                    try {
                        ObjectNode n = object(readBody(ex));
                        if (n.path("clear").asBoolean(false)) {
                            synchronized (nextFaults) {
                                nextFaults.clear();
                            }
                            spec = FaultSpec.NONE;
                        }
                        if (n.has("spec")) {
                            spec = FaultSpec.parse(n.path("spec").asText(""));
                        }
                        JsonNode next = n.get("next");
                        if (next != null && next.isObject()) {
                            var it = next.properties().iterator();
                            while (it.hasNext()) {
                                var e = it.next();
                                Fault f = faultByName(e.getKey());
                                if (f == null || !e.getValue().canConvertToInt() || e.getValue().intValue() < 0
                                        || e.getValue().intValue() > 10_000) {
                                    throw new BadRequest("next." + e.getKey() + " is not a fault with a count");
                                }
                                failNext(f, e.getValue().intValue());
                            }
                        }
                    } catch (BadRequest e) {
                        return Reply.error(e.status, e.code, e.getMessage());
                    } catch (IllegalArgumentException e) {
                        return Reply.error(400, "BAD_REQUEST", e.getMessage());
                    }
                }
                ObjectNode out = JSON.createObjectNode().put("spec", spec.toString());
                synchronized (nextFaults) {
                    var arr = out.putArray("next");
                    nextFaults.forEach(f -> arr.add(f.name()));
                }
                return Reply.json(200, out);
            }
            default -> {
                return Reply.error(404, "NOT_FOUND", "no such endpoint");
            }
        }
    }

    private static Fault faultByName(String name) {
        return switch (name) {
            case "error500" -> Fault.ERROR_500;
            case "error503" -> Fault.ERROR_503;
            case "rate429" -> Fault.RATE_429;
            case "dropAfterProcess" -> Fault.DROP_AFTER_PROCESS;
            case "malformedJson" -> Fault.MALFORMED_JSON;
            case "slowDrip" -> Fault.SLOW_DRIP;
            default -> null;
        };
    }
}
