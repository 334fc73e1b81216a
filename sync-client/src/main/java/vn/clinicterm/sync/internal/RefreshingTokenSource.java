package vn.clinicterm.sync.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import vn.clinicterm.sync.TokenSource;

/**
 * Tokens from the central service's {@code POST /v1/auth/token} (client id + secret). Fetches lazily, renews a minute
 * before expiry, and coalesces concurrent refreshes: a refresh for a token that was already replaced just returns the
 * replacement.
 */
public final class RefreshingTokenSource implements TokenSource {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration EARLY = Duration.ofSeconds(60);

    private final OkHttpClient client;
    private final String tokenUrl;
    private final String clientId;
    private final String secret;
    private final long maxBytes;
    private final Clock clock;
    private String token;
    private Instant expiresAt = Instant.MIN;

    /** {@code client} must not carry the bearer authenticator (it would recurse). */
    public RefreshingTokenSource(
            OkHttpClient client, String baseUrl, String clientId, String secret, long maxBytes, Clock clock) {
        this.client = client;
        this.tokenUrl = baseUrl + "/v1/auth/token";
        this.clientId = clientId;
        this.secret = secret;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<String> current() {
        if (token == null || clock.instant().isAfter(expiresAt.minus(EARLY))) {
            fetch();
        }
        return Optional.ofNullable(token);
    }

    @Override
    public synchronized Optional<String> refresh(String refused) {
        if (token != null && !token.equals(refused) && clock.instant().isBefore(expiresAt.minus(EARLY))) {
            return Optional.of(token);
        }
        token = null;
        fetch();
        return Optional.ofNullable(token);
    }

    private void fetch() {
        ObjectNode body = Json.object().put("clientId", clientId).put("clientSecret", secret);
        Request request = new Request.Builder()
                .url(tokenUrl)
                .post(RequestBody.create(Json.bytes(body), JSON))
                .build();
        if (Calls.execute(client, request, maxBytes, clock) instanceof Calls.Reply.Ok ok) {
            try {
                JsonNode n = Json.parseObject(ok.body());
                String t = Json.text(n, "access_token");
                int expiresIn = Json.integer(n, "expires_in");
                if (!t.matches("[A-Za-z0-9._~+/=-]{8,4096}") || expiresIn <= 0) {
                    return;
                }
                token = t;
                expiresAt = clock.instant().plusSeconds(expiresIn);
            } catch (Json.BadReply e) {
                token = null;
            }
        }
    }
}
