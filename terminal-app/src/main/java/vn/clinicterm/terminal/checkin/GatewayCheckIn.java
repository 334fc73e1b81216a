package vn.clinicterm.terminal.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The gateway's check-in call: {@code POST api/token/take} (JSON {@code username}, MD5 {@code password}) for
 * {@code access_token}/{@code id_token}, then {@code POST api/qd130/checkInKcbQd<decision>} form-urlencoded
 * {@code username, loaiHoSo=0, maTinh, maCSKCB, fileHSBase64} with headers {@code accessToken}, {@code tokenId},
 * {@code passwordHash}. A fresh token is taken per call: check-ins are rare (one per visit) and this keeps no secret
 * in memory between them.
 *
 * <p>Contract: the gateway may have accepted a record whose answer was lost; it keys check-ins by {@code MA_LK}, so a
 * retry of the same record returns the first transaction code.
 */
public final class GatewayCheckIn {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ANSWER = 64 * 1024;

    /** What the gateway said. */
    public sealed interface Answer {
        record Accepted(String maGiaoDich, String thoiGianTiepNhan) implements Answer {}

        /** Refused for good (bad record, bad envelope): sending it again will not help. */
        record Refused(String reason) implements Answer {}

        /** Not answered (network, 5xx, 401 after re-login): try again later. */
        record Unavailable(String reason) implements Answer {}
    }

    private final CheckInSettings settings;
    private final HttpClient http;

    public GatewayCheckIn(CheckInSettings settings, HttpClient http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
    }

    public static HttpClient defaultHttpClient(CheckInSettings s) {
        return HttpClient.newBuilder().connectTimeout(s.callTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Answer send(byte[] xml0) {
        String passwordHash = md5(settings.password());
        try {
            HttpResponse<byte[]> login = http.send(HttpRequest.newBuilder(resolve("api/token/take"))
                    .timeout(settings.callTimeout()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                            .put("username", settings.username()).put("password", passwordHash).toString()))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode l = json(login);
            if (login.statusCode() != 200 || l == null || !l.path("APIKey").hasNonNull("access_token")) {
                return login.statusCode() >= 500 || l == null ? new Answer.Unavailable("token/take " + login.statusCode())
                        : new Answer.Refused("token/take refused: " + login.statusCode() + " "
                                + l.path("maKetQua").asText());
            }
            Map<String, String> form = new LinkedHashMap<>();
            form.put("username", settings.username());
            form.put("loaiHoSo", "0");
            form.put("maTinh", settings.maTinh());
            form.put("maCSKCB", settings.maCskcb());
            form.put("fileHSBase64", Base64.getEncoder().encodeToString(xml0));
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(
                            resolve("api/qd130/checkInKcbQd" + settings.decision()))
                    .timeout(settings.callTimeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("accessToken", l.path("APIKey").path("access_token").asText())
                    .header("tokenId", l.path("APIKey").path("id_token").asText())
                    .header("passwordHash", passwordHash)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode a = json(r);
            if (r.statusCode() >= 500 || r.statusCode() == 401 || r.statusCode() == 429 || a == null) {
                return new Answer.Unavailable("check-in answered " + r.statusCode());
            }
            if (r.statusCode() != 200 || !"200".equals(a.path("maKetQua").asText())) {
                String why = a.hasNonNull("thongBao") ? a.path("thongBao").asText() : a.path("message").asText();
                return new Answer.Refused("check-in refused (" + r.statusCode() + "/" + a.path("maKetQua").asText()
                        + "): " + cap(why));
            }
            String code = a.path("maGiaoDich").asText("");
            if (code.isEmpty()) {
                return new Answer.Unavailable("check-in answer without maGiaoDich");
            }
            return new Answer.Accepted(code, a.path("thoiGianTiepNhan").asText(""));
        } catch (IOException e) {
            return new Answer.Unavailable("gateway unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Unavailable("interrupted");
        }
    }

    private URI resolve(String path) {
        String base = settings.gatewayUrl().toString();
        return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
    }

    private static JsonNode json(HttpResponse<byte[]> r) {
        if (r.body() == null || r.body().length > MAX_ANSWER) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(r.body());
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
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
}
