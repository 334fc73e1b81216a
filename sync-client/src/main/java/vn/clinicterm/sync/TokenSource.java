package vn.clinicterm.sync;

import java.util.Optional;

/**
 * Bearer tokens for the central service. The client calls {@link #current()} for every request and, when the server
 * answers 401, {@link #refresh(String)} once with the token that was refused, then retries once.
 *
 * <p>Implementations must be thread-safe, must not block longer than a call timeout, and must coalesce concurrent
 * refreshes of the same stale token into one.
 */
public interface TokenSource {

    /** The token to send now, or empty to send none (then the server's 401 triggers a refresh). */
    Optional<String> current();

    /** A new token to replace {@code refused}; empty when none can be had (the 401 then stands). */
    Optional<String> refresh(String refused);

    /** A fixed token that cannot be refreshed. */
    static TokenSource fixed(String token) {
        return new TokenSource() {
            @Override
            public Optional<String> current() {
                return Optional.of(token);
            }

            @Override
            public Optional<String> refresh(String refused) {
                return Optional.empty();
            }
        };
    }
}
