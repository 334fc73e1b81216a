package vn.clinicterm.terminal.handoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.clinicterm.terminal.checkin.CheckInSettings;
import vn.clinicterm.terminal.checkin.HisVisitData;
import vn.clinicterm.terminal.checkin.Xml0Builder;
import vn.clinicterm.terminal.checkin.Xml0Record;
import vn.clinicterm.terminal.reception.Reception;
import vn.clinicterm.terminal.reception.ReceptionEvent;
import vn.clinicterm.terminal.reception.ReceptionListener;
import vn.clinicterm.terminal.storage.AuditType;
import vn.clinicterm.terminal.storage.CheckInStatus;
import vn.clinicterm.terminal.storage.CheckIns;
import vn.clinicterm.terminal.storage.VisitLog;
import vn.clinicterm.terminal.storage.VisitRecord;

/**
 * The local hand-off API for the clinic's hospital system (issue 9 §2; contract in {@code handoff-api-v1.yaml}).
 *
 * <p>Contracts:
 * <ul>
 *   <li>Binds to 127.0.0.1 unless {@link Builder#allowNonLoopback()} was called: a token stolen from this machine is
 *       useless from another.
 *   <li>Every request needs {@code Authorization: Bearer <token>} of a live client token ({@link
 *       vn.clinicterm.terminal.storage.HandoffTokens}); otherwise 401. Every request, answered or not, is audited
 *       ({@code HANDOFF_ACCESS}: client, method, route, status — no personal data).
 *   <li>A malformed or oversized request gets 400 with a short JSON body; an unknown visit 404.
 *   <li>The event stream ({@code GET /v1/events}, Server-Sent Events) sends {@code card-read}, {@code verified},
 *       {@code checked-in}, {@code eligibility-known}; a client that does not keep up (its queue of
 *       {@value #QUEUE} events is full) is disconnected rather than slowing the counter down.
 * </ul>
 */
public final class HandoffServer implements AutoCloseable {

    static final int QUEUE = 256;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VISIT_HIS = Pattern.compile("/v1/visits/(\\d{1,18})/his");
    private static final Pattern FHIR = Pattern.compile("/v1/fhir/(Patient|Coverage)/(\\d{1,18})");
    private static final int MAX_MESSAGE = 200;

    private final HttpServer server;
    private final ExecutorService executor;
    private final VisitLog log;
    private final Reception reception;
    private final Optional<CheckInSettings> checkIn;
    private final ZoneId zone;
    private final int maxBodyBytes;
    private final Duration keepAlive;
    private volatile boolean closing;

    private HandoffServer(Builder b, HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.log = b.reception.visitLog();
        this.reception = b.reception;
        this.checkIn = Optional.ofNullable(b.checkIn);
        this.zone = log.zone();
        this.maxBodyBytes = b.maxBodyBytes;
        this.keepAlive = b.keepAlive;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://HOST:PORT} without a trailing slash. */
    public String baseUrl() {
        InetSocketAddress a = server.getAddress();
        return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        closing = true;
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------ requests

    private record Reply(int status, String contentType, byte[] body) {
        static Reply json(int status, Object body) {
            try {
                return new Reply(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Reply error(int status, String error, String message) {
            String m = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
            return json(status, Map.of("error", error, "message", m));
        }
    }

    private static final class BadRequest extends Exception {
        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    private void handle(HttpExchange ex) {
        String client = "?";
        String route = "?";
        int status = 500;
        try (ex) {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath();
            route = route(path);
            Optional<String> who = authenticate(ex);
            if (who.isEmpty()) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"clinicterm-handoff\"");
                status = send(ex, Reply.error(401, "UNAUTHORIZED", "a valid client token is required"));
                return;
            }
            client = who.get();
            if (path.equals("/v1/events") && method.equals("GET")) {
                audit(client, method, route, 200);
                stream(ex);
                return;
            }
            Reply r;
            try {
                r = dispatch(ex, method, path);
            } catch (BadRequest e) {
                r = Reply.error(400, "BAD_REQUEST", e.getMessage());
            }
            status = send(ex, r);
        } catch (IOException | RuntimeException e) {
            status = -1;
        } finally {
            if (!route.equals("/v1/events") || status != 200) {
                audit(client, ex.getRequestMethod(), route, status);
            }
        }
    }

    private void audit(String client, String method, String route, int status) {
        if (closing) {
            return;
        }
        try {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("client", client);
            d.put("method", method);
            d.put("route", route);
            d.put("status", status);
            log.recordEvent(AuditType.HANDOFF_ACCESS, "handoff:" + client, d);
        } catch (RuntimeException ignored) {
            // a read-only database cannot audit; the request itself was already answered or refused
        }
    }

    /** The path with visit ids kept (they are not personal data) but anything odd cut short. */
    private static String route(String path) {
        return path.length() > 80 ? path.substring(0, 80) + "…" : path;
    }

    private Optional<String> authenticate(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.length() > 200) {
            log.handoffTokens().authenticate("");  // same work as a real check, so timing does not tell
            return Optional.empty();
        }
        return log.handoffTokens().authenticate(h.substring(7).strip());
    }

    private Reply dispatch(HttpExchange ex, String method, String path) throws IOException, BadRequest {
        if (path.equals("/v1/patients/current")) {
            requireMethod(method, "GET");
            return log.latestVisit().map(v -> Reply.json(200, patientJson(v)))
                    .orElseGet(() -> Reply.error(404, "NOT_FOUND", "no patient has been checked in"));
        }
        Matcher his = VISIT_HIS.matcher(path);
        if (his.matches()) {
            requireMethod(method, "POST");
            return his(ex, Long.parseLong(his.group(1)));
        }
        Matcher fhir = FHIR.matcher(path);
        if (fhir.matches()) {
            requireMethod(method, "GET");
            long id = Long.parseLong(fhir.group(2));
            Optional<VisitRecord> v = log.visit(id);
            if (v.isEmpty()) {
                return Reply.error(404, "NOT_FOUND", "no such visit");
            }
            if (fhir.group(1).equals("Patient")) {
                return fhir(FhirView.toJson(FhirView.patient(v.get(), zone)));
            }
            return FhirView.coverage(v.get(), log.eligibilityDetails(id), zone)
                    .map(c -> fhir(FhirView.toJson(c)))
                    .orElseGet(() -> Reply.error(404, "NOT_FOUND", "the visit has no known insurance card"));
        }
        return Reply.error(404, "NOT_FOUND", "no such endpoint");
    }

    private static Reply fhir(String json) {
        return new Reply(200, "application/fhir+json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void requireMethod(String method, String expected) throws BadRequest {
        if (!method.equals(expected)) {
            throw new BadRequest("use " + expected);
        }
    }

    private Reply his(HttpExchange ex, long visitId) throws IOException, BadRequest {
        String ct = ex.getRequestHeaders().getFirst("Content-Type");
        if (ct == null || !ct.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new BadRequest("send application/json");
        }
        byte[] body = readCapped(ex.getRequestBody());
        HisVisitData data;
        try {
            data = HisVisitData.fromJson(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        Optional<VisitRecord> visit = log.visit(visitId);
        if (visit.isEmpty()) {
            return Reply.error(404, "NOT_FOUND", "no such visit");
        }
        log.saveHisData(visitId, data.toJson());
        ObjectNode out = JSON.createObjectNode().put("visitId", visitId).put("stored", true);
        if (checkIn.isPresent()) {
            Xml0Record r = Xml0Builder.build(visit.get(), log.eligibilityDetails(visitId), data, checkIn.get(), zone);
            ArrayNode problems = out.putArray("xml0Violations");
            r.violations().forEach(v -> problems.add(JSON.createObjectNode().put("field", v.field())
                    .put("rule", v.rule().name()).put("message", v.message())));
            if (r.sendable()) {
                CheckIns.of(log).queue(visitId);
                out.put("checkIn", "QUEUED");
            } else {
                out.put("checkIn", "REFUSED_LOCALLY");
            }
        }
        return Reply.json(200, out);
    }

    private byte[] readCapped(InputStream in) throws IOException, BadRequest {
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            throw new BadRequest("the body is larger than " + maxBodyBytes + " bytes");
        }
        return body;
    }

    private ObjectNode patientJson(VisitRecord v) {
        ObjectNode n = JSON.createObjectNode().put("visitId", v.visitId()).put("time", v.time().toString());
        n.putObject("identity").put("idNumber", v.idNumber()).put("fullName", v.fullName())
                .put("dateOfBirth", v.dateOfBirth().map(Object::toString).orElse(null))
                .put("gender", v.gender()).put("residence", v.residence());
        ObjectNode ver = n.putObject("verification").put("indication", v.indication().name())
                .put("subIndication", v.subIndication()).put("overrideByStaff", v.overrideByStaff());
        ArrayNode reasons = ver.putArray("reasons");
        v.reasons().forEach(reasons::add);
        ObjectNode el = n.putObject("eligibility").put("status", v.eligibility().name());
        log.eligibilityDetails(v.visitId()).ifPresent(d -> {
            try {
                el.set("details", JSON.readTree(d));
            } catch (IOException ignored) {
                // details are written by the terminal itself; unreadable ones are left out
            }
        });
        v.consent().ifPresent(c -> n.putObject("consent").put("purpose", c.purpose())
                .put("noticeVersion", c.noticeVersion()).put("staff", c.staff()).put("time", c.time().toString()));
        log.checkInStatus(v.visitId()).filter(s -> s.state() != CheckInStatus.State.NONE).ifPresent(s -> {
            ObjectNode ci = n.putObject("checkIn").put("state", s.state().name());
            s.maGiaoDich().ifPresent(x -> ci.put("maGiaoDich", x));
            s.thoiGianTiepNhan().ifPresent(x -> ci.put("thoiGianTiepNhan", x));
        });
        return n;
    }

    private static int send(HttpExchange ex, Reply r) throws IOException {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(r.body());
        }
        return r.status();
    }

    // ------------------------------------------------------------------------------------------ events

    private void stream(HttpExchange ex) throws IOException {
        BlockingQueue<ReceptionEvent> queue = new ArrayBlockingQueue<>(QUEUE);
        boolean[] overflow = {false};
        ReceptionListener listener = e -> {
            if (!queue.offer(e)) {
                overflow[0] = true;
            }
        };
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, 0);
        reception.addListener(listener);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(": clinicterm hand-off events v1\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!closing && !overflow[0]) {
                ReceptionEvent e = queue.poll(keepAlive.toMillis(), TimeUnit.MILLISECONDS);
                String frame = e == null ? ": keep-alive\n\n" : "event: " + name(e) + "\ndata: " + eventJson(e) + "\n\n";
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reception.removeListener(listener);
        }
    }

    static String name(ReceptionEvent e) {
        return switch (e) {
            case ReceptionEvent.CardRead r -> "card-read";
            case ReceptionEvent.Verified v -> "verified";
            case ReceptionEvent.CheckedIn c -> "checked-in";
            case ReceptionEvent.EligibilityKnown k -> "eligibility-known";
        };
    }

    static String eventJson(ReceptionEvent e) {
        ObjectNode n = JSON.createObjectNode().put("at", e.at().toString());
        switch (e) {
            case ReceptionEvent.CardRead r -> n.put("idNumber", r.idNumber()).put("fullName", r.fullName())
                    .put("dateOfBirth", r.dateOfBirth().map(Object::toString).orElse(null)).put("gender", r.gender())
                    .put("residence", r.residence());
            case ReceptionEvent.Verified v -> {
                n.put("indication", v.indication().name()).put("subIndication", v.subIndication());
                ArrayNode a = n.putArray("reasons");
                v.reasons().forEach(a::add);
            }
            case ReceptionEvent.CheckedIn c -> n.put("visitId", c.visitId());
            case ReceptionEvent.EligibilityKnown k -> n.put("visitId", k.visitId())
                    .put("eligibility", k.eligibility().name());
        }
        return n.toString();
    }

    // ------------------------------------------------------------------------------------------ builder

    /** Settings for {@link #start()}; {@link #reception} is required. */
    public static final class Builder {
        private Reception reception;
        private InetAddress bind = InetAddress.getLoopbackAddress();
        private boolean allowNonLoopback;
        private int port = 8765;
        private int maxBodyBytes = 16 * 1024;
        private Duration keepAlive = Duration.ofSeconds(15);
        private CheckInSettings checkIn;
        private ExecutorService executor;

        private Builder() {}

        public Builder reception(Reception v) { reception = v; return this; }

        /** The address to listen on (default 127.0.0.1). Anything else also needs {@link #allowNonLoopback()}. */
        public Builder bind(InetAddress v) { bind = Objects.requireNonNull(v); return this; }

        /** Permits a non-loopback {@link #bind} address (configuration {@code handoff.allowNetwork=true}). */
        public Builder allowNonLoopback() { allowNonLoopback = true; return this; }

        /** 0 picks a free port; default 8765. */
        public Builder port(int v) { port = v; return this; }

        public Builder maxBodyBytes(int v) { maxBodyBytes = v; return this; }

        /** How often an idle event stream gets a comment line (default 15 s). */
        public Builder keepAlive(Duration v) { keepAlive = Objects.requireNonNull(v); return this; }

        /** With these settings, HIS data that makes a valid XML0 queues the visit's check-in record. */
        public Builder checkIn(CheckInSettings v) { checkIn = v; return this; }

        /** Requests run here (default: a virtual thread each). Closed with the server. */
        public Builder executor(ExecutorService v) { executor = v; return this; }

        /**
         * @throws IllegalStateException when the bind address is not loopback and that was not allowed
         * @throws UncheckedIOException when the port cannot be bound
         */
        public HandoffServer start() {
            Objects.requireNonNull(reception, "reception");
            if (!bind.isLoopbackAddress() && !allowNonLoopback) {
                throw new IllegalStateException("the hand-off API listens on loopback only; binding "
                        + bind.getHostAddress() + " needs handoff.allowNetwork=true");
            }
            ExecutorService ex = executor != null ? executor : Executors.newVirtualThreadPerTaskExecutor();
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
                HandoffServer hs = new HandoffServer(this, server, ex);
                server.createContext("/", hs::handle);
                server.setExecutor(ex);
                server.start();
                return hs;
            } catch (IOException e) {
                ex.shutdownNow();
                throw new UncheckedIOException("cannot listen on " + bind.getHostAddress() + ":" + port, e);
            }
        }
    }
}
