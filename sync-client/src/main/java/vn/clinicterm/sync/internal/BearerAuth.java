package vn.clinicterm.sync.internal;

import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;
import vn.clinicterm.sync.TokenSource;

/**
 * Bearer tokens on every request, and on a 401 one refresh and one retry — never more, so a revoked credential costs
 * two requests, not a loop.
 */
public final class BearerAuth {

    private BearerAuth() {}

    public static Interceptor interceptor(TokenSource tokens) {
        return chain -> {
            Request request = chain.request();
            if (request.header("Authorization") == null) {
                Optional<String> token = tokens.current();
                if (token.isPresent()) {
                    request = request.newBuilder().header("Authorization", "Bearer " + token.get()).build();
                }
            }
            return chain.proceed(request);
        };
    }

    public static Authenticator authenticator(TokenSource tokens) {
        return (Route route, Response response) -> {
            if (response.priorResponse() != null) {
                return null; // already refreshed once for this call
            }
            String sent = response.request().header("Authorization");
            String refused = sent != null && sent.startsWith("Bearer ") ? sent.substring(7) : "";
            Optional<String> fresh = tokens.refresh(refused);
            if (fresh.isEmpty() || fresh.get().equals(refused)) {
                return null;
            }
            return response.request().newBuilder().header("Authorization", "Bearer " + fresh.get()).build();
        };
    }
}
