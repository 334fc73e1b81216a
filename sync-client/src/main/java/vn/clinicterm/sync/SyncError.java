package vn.clinicterm.sync;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A clear description of why a call to a remote service did not produce a usable answer. Never contains personal
 * data, URLs with credentials, or response bodies — only the kind, the HTTP status and a short technical detail.
 *
 * @param httpStatus the HTTP status, or 0 when no response arrived
 * @param retryAfter the server's {@code Retry-After}, if it sent one
 */
public record SyncError(Kind kind, int httpStatus, String detail, Optional<Duration> retryAfter) {

    public enum Kind {
        /** Connect, read, write or call timeout (includes a body that drips too slowly). */
        TIMEOUT(true),
        /** Could not connect, or the connection broke (the server may have processed the request). */
        CONNECTION(true),
        /** TLS handshake failed: untrusted or mismatching server certificate, pin mismatch, client cert refused. */
        TLS(true),
        /** 408, 409, 429 or 5xx: the server asked us to come back later. */
        SERVER_BUSY(true),
        /** 401/403 even after one token refresh: the terminal's credentials are wrong or revoked. */
        AUTH(true),
        /** Another 4xx: the server refused this request and will refuse it again (dead letter). */
        REJECTED(false),
        /** The body exceeded the configured limit. */
        BODY_TOO_LARGE(false),
        /** The body was not the JSON we expected: malformed, wrong types, missing fields, unknown codes. */
        MALFORMED_RESPONSE(false),
        /** Our own request could not be built (bad payload in the outbox, bad configuration). */
        LOCAL(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    public SyncError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static SyncError of(Kind kind, String detail) {
        return new SyncError(kind, 0, detail, Optional.empty());
    }

    public boolean retryable() {
        return kind.retryable();
    }

    /** One line for logs and the IT screen, e.g. {@code SERVER_BUSY (HTTP 503): service unavailable}. */
    public String describe() {
        return kind + (httpStatus > 0 ? " (HTTP " + httpStatus + ")" : "") + ": " + detail;
    }
}
