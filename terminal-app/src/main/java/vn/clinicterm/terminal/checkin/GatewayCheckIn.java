package vn.clinicterm.terminal.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import vn.clinicterm.sync.SyncConfig;

/**
 * The gateway's check-in call: {@code POST api/token/take} (JSON {@code username}, MD5 {@code password}) for
 * {@code access_token}/{@code id_token}, then {@code POST api/qd130/checkInKcbQd<decision>} form-urlencoded
 * {@code username, loaiHoSo=0, maTinh, maCSKCB, fileHSBase64} with headers {@code accessToken}, {@code tokenId},
 * {@code passwordHash}. A fresh token is taken per call: check-ins are rare (one per visit) and this keeps no secret
 * in memory between them.
 *
 * <p>Contracts:
 * <ul>
 *   <li>The gateway may have accepted a record whose answer was lost; it keys check-ins by {@code MA_LK}, so a retry
 *       of the same record returns the first transaction code. The POST is therefore never retried silently here:
 *       the outbox decides.
 *   <li>{@link Answer.Refused} is for good: the record breaks the gateway's field rules, or the gateway refused the
 *       request itself (4xx). {@link Answer.Unavailable} is everything retrying may cure: no connection, TLS failure,
 *       timeouts, 5xx, 408, 429, a refused login (credentials are fixed by IT, not by changing the record) and
 *       unreadable answers; it carries the server's {@code Retry-After} when there was one.
 *   <li>TLS follows the sync configuration ({@link #forConfig}): its CA bundle, pins and client certificate.
 *   <li>Answers are read to at most 64 KiB; nothing here logs or returns the record's contents.
 * </ul>
 */
public final class GatewayCheckIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final int MAX_ANSWER = 64 * 1024;
    private static final long MAX_RETRY_AFTER_SECONDS = 24 * 3600;

    /** What the gateway said. */
    public sealed interface Answer {
        record Accepted(String maGiaoDich, String thoiGianTiepNhan) implements Answer {}

        /** Refused for good (bad record, bad envelope): sending it again will not help. */
        record Refused(String reason) implements Answer {}

        /** Not answered (network, 5xx, 429, a refused login): try again later, not before {@code retryAfter}. */
        record Unavailable(String reason, Optional<Duration> retryAfter) implements Answer {
            public Unavailable {
                Objects.requireNonNull(reason, "reason");
                Objects.requireNonNull(retryAfter, "retryAfter");
            }

            public Unavailable(String reason) {
                this(reason, Optional.empty());
            }
        }
    }

    private final CheckInSettings settings;
    private final OkHttpClient http;
    private final Clock clock;

    /**
     * @param http used as given (its TLS, timeouts); it should not retry on connection failure (see the contract)
     */
    public GatewayCheckIn(CheckInSettings settings, OkHttpClient http, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** With the system's trust store and the settings' call timeout; for plain loopback gateways and tests. */
    public static GatewayCheckIn plain(CheckInSettings settings) {
        OkHttpClient c = new OkHttpClient.Builder().callTimeout(settings.callTimeout())
                .connectTimeout(settings.callTimeout()).readTimeout(settings.callTimeout())
                .followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false).build();
        return new GatewayCheckIn(settings, c, Clock.systemUTC());
    }

    /**
     * With the HTTP settings of the sync configuration — its timeouts, {@code sync.trustedCerts},
     * {@code sync.pins} (for the configuration's host) and {@code sync.clientCert} — exactly as the sync client
     * builds them, so a gateway reached over https with a pinned or private certificate works the same way.
     *
     * @throws vn.clinicterm.sync.SyncConfigException when the TLS material cannot be loaded
     */
    public static GatewayCheckIn forConfig(CheckInSettings settings, SyncConfig config, Clock clock) {
        return new GatewayCheckIn(settings, vn.clinicterm.sync.SyncClients.httpClient(config), clock);
    }

    private record Exchange(int status, JsonNode json, Optional<Duration> retryAfter) {}

    public Answer send(byte[] xml0) {
        String passwordHash = md5(settings.password());
        Exchange login;
        try {
            login = exchange(new Request.Builder().url(resolve("api/token/take"))
                    .post(RequestBody.create(JSON.createObjectNode().put("username", settings.username())
                            .put("password", passwordHash).toString().getBytes(StandardCharsets.UTF_8), JSON_TYPE))
                    .build());
        } catch (IOException e) {
            return unreachable(e);
        }
        JsonNode key = login.json() == null ? null : login.json().path("APIKey");
        if (login.status() != 200 || key == null || !key.hasNonNull("access_token")) {
            // a refused login is the account's fault, not the record's: the record waits until IT fixes it
            int ls = login.status();
            String why = ls == 200 ? "token/take answered without a token"
                    : ls == 401 || ls == 403 || (ls < 500 && ls != 408 && ls != 429 && login.json() != null)
                            ? "token/take refused the account (" + ls + (login.json() == null ? ""
                                    : " " + cap(login.json().path("maKetQua").asText())) + "): check sync.username"
                                    + " and sync.password"
                            : "token/take answered " + ls;
            return new Answer.Unavailable(why, login.retryAfter());
        }
        RequestBody form = new FormBody.Builder(StandardCharsets.UTF_8)
                .add("username", settings.username())
                .add("loaiHoSo", "0")
                .add("maTinh", settings.maTinh())
                .add("maCSKCB", settings.maCskcb())
                .add("fileHSBase64", Base64.getEncoder().encodeToString(xml0))
                .build();
        Exchange r;
        try {
            r = exchange(new Request.Builder().url(resolve("api/qd130/checkInKcbQd" + settings.decision()))
                    .header("accessToken", key.path("access_token").asText())
                    .header("tokenId", key.path("id_token").asText())
                    .header("passwordHash", passwordHash)
                    .post(form).build());
        } catch (IOException e) {
            return unreachable(e);
        }
        JsonNode a = r.json();
        int s = r.status();
        if (s >= 500 || s == 401 || s == 408 || s == 429 || a == null) {
            return new Answer.Unavailable("check-in answered " + s + (a == null ? " (no readable answer)" : ""),
                    r.retryAfter());
        }
        if (s != 200 || !"200".equals(a.path("maKetQua").asText())) {
            String why = a.hasNonNull("thongBao") ? a.path("thongBao").asText() : a.path("message").asText();
            String result = a.hasNonNull("maKetQua") ? a.path("maKetQua").asText() : a.path("error").asText();
            return new Answer.Refused("check-in refused (" + s + "/" + cap(result) + "): " + cap(why));
        }
        String code = a.path("maGiaoDich").asText("");
        if (code.isEmpty()) {
            return new Answer.Unavailable("check-in answer without maGiaoDich");
        }
        return new Answer.Accepted(code, a.path("thoiGianTiepNhan").asText(""));
    }

    private Exchange exchange(Request request) throws IOException {
        try (Response response = http.newCall(request).execute()) {
            Optional<Duration> retryAfter = retryAfter(response.header("Retry-After"), clock);
            ResponseBody body = response.body();
            BufferedSource source = body.source();
            Buffer buffer = new Buffer();
            while (buffer.size() <= MAX_ANSWER && source.read(buffer, 8192) != -1) {
                // read up to the limit
            }
            JsonNode json = null;
            if (buffer.size() <= MAX_ANSWER) {
                try {
                    JsonNode n = JSON.readTree(buffer.readByteArray());
                    json = n != null && n.isObject() ? n : null;
                } catch (IOException notJson) {
                    json = null;
                }
            }
            return new Exchange(response.code(), json, retryAfter);
        }
    }

    private static Answer unreachable(IOException e) {
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            return new Answer.Unavailable("interrupted");
        }
        String what = e instanceof SSLException ? "TLS failed (" + e.getClass().getSimpleName() + ")"
                : e instanceof InterruptedIOException ? "timed out" : "unreachable (" + e.getClass().getSimpleName()
                        + ")";
        return new Answer.Unavailable("gateway " + what);
    }

    private HttpUrl resolve(String path) {
        String base = settings.gatewayUrl().toString();
        HttpUrl url = HttpUrl.parse(base.endsWith("/") ? base + path : base + "/" + path);
        if (url == null) {
            throw new IllegalArgumentException("the gateway URL is not an http(s) URL");
        }
        return url;
    }

    /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), capped at a day; garbage is ignored. */
    static Optional<Duration> retryAfter(String header, Clock clock) {
        if (header == null) {
            return Optional.empty();
        }
        String v = header.strip();
        if (v.matches("\\d{1,12}")) {
            return Optional.of(Duration.ofSeconds(Math.min(Long.parseLong(v), MAX_RETRY_AFTER_SECONDS)));
        }
        try {
            Duration d = Duration.between(clock.instant(),
                    ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            if (d.isNegative()) {
                return Optional.of(Duration.ZERO);
            }
            return Optional.of(d.getSeconds() > MAX_RETRY_AFTER_SECONDS ? Duration.ofSeconds(MAX_RETRY_AFTER_SECONDS)
                    : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String cap(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Releases the HTTP client's threads and connections. */
    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
