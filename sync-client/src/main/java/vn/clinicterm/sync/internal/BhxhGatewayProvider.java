package vn.clinicterm.sync.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import vn.clinicterm.sync.EligibilityProvider;
import vn.clinicterm.sync.EligibilityQuery;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.sync.ReasonCode;
import vn.clinicterm.sync.SyncError;

/**
 * Eligibility straight from the BHXH gateway ("egw"), for clinics registered with it.
 *
 * <p>Protocol: {@code POST /api/token/take} with JSON {@code {username, password}} (the user name is
 * {@code <facility code>_BV}, the password its MD5 hex) answers {@code {maKetQua:"200", APIKey:{access_token,
 * id_token, expires_in}}}; then {@code POST /api/egw/KQNhanLichSuKCB2024?token=&id_token=&username=&password=} with
 * JSON {@code {maThe, hoTen, ngaySinh "dd/MM/yyyy", hoTenCb, cccdCb}} answers {@code {maKetQua, …card fields}},
 * mapped by {@link BhxhResultCodes}.
 *
 * <p>The token is reused until a minute before it expires; a {@code 401} (as HTTP status or as {@code maKetQua})
 * causes one re-login and one retry. Credentials travel in the query string because the gateway wants them there;
 * this class never logs URLs and its messages never include them.
 */
public final class BhxhGatewayProvider implements EligibilityProvider {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final Duration EARLY = Duration.ofSeconds(60);
    /** When the gateway does not say how long a token lives. */
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);

    private final HttpUrl base;
    private final String username;
    private final String passwordMd5;
    private final String staffName;
    private final String staffIdNumber;
    private final OkHttpClient client;
    private final long maxBytes;
    private final Clock clock;

    private record Token(String accessToken, String idToken, Instant expiresAt) {}

    private Token token;
    private int logins;

    public BhxhGatewayProvider(String baseUrl, String username, String password, String staffName,
            String staffIdNumber, OkHttpClient client, long maxBytes, Clock clock) {
        this.base = HttpUrl.get(baseUrl);
        this.username = username;
        this.passwordMd5 = Md5.hex(password);
        this.staffName = staffName;
        this.staffIdNumber = staffIdNumber;
        this.client = client;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** How many times this provider has logged in (for tests and the status screen). */
    public synchronized int logins() {
        return logins;
    }

    @Override
    public EligibilityResult check(EligibilityQuery q) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Token t;
            try {
                t = token(attempt > 0);
            } catch (LoginFailed e) {
                return e.result;
            }
            Outcome o = lookup(q, t);
            if (o.result != null) {
                return o.result;
            }
            synchronized (this) {
                if (token == t) {
                    token = null;
                }
            }
        }
        return new EligibilityResult.Error(ReasonCode.AUTH_FAILED, "gateway refused a fresh token");
    }

    /** Either a result, or null meaning "token refused, log in again". */
    private record Outcome(EligibilityResult result) {}

    private static final class LoginFailed extends Exception {
        final EligibilityResult result;

        LoginFailed(EligibilityResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private synchronized Token token(boolean forceNew) throws LoginFailed {
        if (!forceNew && token != null && clock.instant().isBefore(token.expiresAt().minus(EARLY))) {
            return token;
        }
        ObjectNode body = Json.object().put("username", username).put("password", passwordMd5);
        Request request = new Request.Builder()
                .url(base.newBuilder().addPathSegments("api/token/take").build())
                .post(RequestBody.create(Json.bytes(body), JSON))
                .build();
        logins++;
        switch (Calls.execute(client, request, maxBytes, clock)) {
            case Calls.Reply.Failed f -> throw new LoginFailed(Results.eligibilityFailure(f.error()));
            case Calls.Reply.Ok ok -> {
                try {
                    JsonNode n = Json.parseObject(ok.body());
                    String code = Json.text(n, "maKetQua");
                    if (!code.equals("200")) {
                        throw new LoginFailed(new EligibilityResult.Error(ReasonCode.AUTH_FAILED,
                                "gateway login refused (maKetQua " + safe(code) + ")"));
                    }
                    JsonNode key = Json.objectField(n, "APIKey");
                    String access = Json.text(key, "access_token");
                    String id = Json.text(key, "id_token");
                    if (!access.matches("[A-Za-z0-9._~+/=-]{8,8192}") || !id.matches("[A-Za-z0-9._~+/=-]{8,8192}")) {
                        throw new Json.BadReply("token has unexpected characters");
                    }
                    token = new Token(access, id, expiry(key.get("expires_in")));
                    return token;
                } catch (Json.BadReply e) {
                    throw new LoginFailed(new EligibilityResult.Error(ReasonCode.BAD_REPLY,
                            "gateway login reply: " + e.getMessage()));
                }
            }
        }
    }

    /** {@code expires_in}: seconds (number or digits), an ISO instant, or absent. */
    private Instant expiry(JsonNode n) throws Json.BadReply {
        Instant now = clock.instant();
        if (n == null || n.isNull()) {
            return now.plus(DEFAULT_LIFETIME);
        }
        if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() > 0) {
            return now.plusSeconds(Math.min(n.longValue(), 86_400));
        }
        if (n.isTextual()) {
            String s = n.textValue().trim();
            if (s.matches("\\d{1,6}")) {
                return now.plusSeconds(Long.parseLong(s));
            }
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        throw new Json.BadReply("field expires_in is neither seconds nor an instant");
    }

    private Outcome lookup(EligibilityQuery q, Token t) {
        ObjectNode body = Json.object()
                .put("maThe", q.cardNumber().orElse(q.idNumber()))
                .put("hoTen", q.fullName())
                .put("ngaySinh", DMY.format(q.dateOfBirth()))
                .put("hoTenCb", staffName)
                .put("cccdCb", staffIdNumber);
        HttpUrl url = base.newBuilder()
                .addPathSegments("api/egw/KQNhanLichSuKCB2024")
                .addQueryParameter("token", t.accessToken())
                .addQueryParameter("id_token", t.idToken())
                .addQueryParameter("username", username)
                .addQueryParameter("password", passwordMd5)
                .build();
        Request request = new Request.Builder().url(url).post(RequestBody.create(Json.bytes(body), JSON)).build();
        return switch (Calls.execute(client, request, maxBytes, clock)) {
            case Calls.Reply.Failed f when f.error().kind() == SyncError.Kind.AUTH -> new Outcome(null);
            case Calls.Reply.Failed f -> new Outcome(Results.eligibilityFailure(f.error()));
            case Calls.Reply.Ok ok -> {
                try {
                    yield map(Json.parseObject(ok.body()));
                } catch (Json.BadReply e) {
                    yield new Outcome(new EligibilityResult.Error(ReasonCode.BAD_REPLY,
                            "gateway reply: " + e.getMessage()));
                }
            }
        };
    }

    private Outcome map(JsonNode n) throws Json.BadReply {
        String code = Json.text(n, "maKetQua");
        Optional<BhxhResultCodes.Row> row = BhxhResultCodes.lookup(code);
        if (row.isEmpty()) {
            return new Outcome(new EligibilityResult.Error(ReasonCode.UNKNOWN_CODE,
                    "gateway code " + safe(code) + " is not in our table"));
        }
        BhxhResultCodes.Row r = row.get();
        String label = "BHXH " + r.code() + ": " + r.meaning();
        return new Outcome(switch (r.action()) {
            case RELOGIN -> null;
            case ELIGIBLE -> eligible(n, r);
            case NOT_ELIGIBLE -> new EligibilityResult.NotEligible(r.reason(), label);
            case UNKNOWN_PERSON -> new EligibilityResult.UnknownPerson(r.reason());
            case PENDING -> new EligibilityResult.Pending(label, Optional.empty(), Optional.empty());
            case ERROR -> new EligibilityResult.Error(r.reason(), label);
        });
    }

    /** For 003/004 the gateway puts the new card in the {@code …Moi} fields; prefer those when present. */
    private static EligibilityResult eligible(JsonNode n, BhxhResultCodes.Row r) throws Json.BadReply {
        boolean renewed = r.reason() == ReasonCode.CARD_RENEWED && Json.optText(n, "maTheMoi").isPresent();
        String suffix = renewed ? "Moi" : "";
        String card = Json.text(n, "maThe" + suffix);
        if (!card.matches("[A-Z]{2}\\d{13}")) {
            throw new Json.BadReply("field maThe" + suffix + " is not a 15-character card code");
        }
        int level = BhxhResultCodes.benefitLevel(card)
                .orElseThrow(() -> new Json.BadReply("card code has an unknown benefit digit"));
        LocalDate from = Json.date(Json.text(n, "gtTheTu" + suffix), "gtTheTu" + suffix, DMY);
        LocalDate to = Json.date(Json.text(n, "gtTheDen" + suffix), "gtTheDen" + suffix, DMY);
        if (to.isBefore(from)) {
            throw new Json.BadReply("card validity ends before it starts");
        }
        String facility = Json.text(n, "maDKBD" + suffix);
        Optional<String> five = Json.optText(n, "ngayDu5Nam");
        Optional<LocalDate> fiveFrom = five.isEmpty() ? Optional.empty()
                : Optional.of(Json.date(five.get(), "ngayDu5Nam", DMY));
        return new EligibilityResult.Eligible(card, from, to, facility, level, fiveFrom, r.reason());
    }

    private static String safe(String code) {
        return code.matches("[0-9A-Za-z]{1,6}") ? code : "?";
    }
}
