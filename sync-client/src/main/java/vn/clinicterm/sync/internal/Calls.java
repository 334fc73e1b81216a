package vn.clinicterm.sync.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLException;
import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import vn.clinicterm.sync.SyncError;
import vn.clinicterm.sync.SyncError.Kind;

/**
 * Runs one HTTP exchange and turns everything that can go wrong into a {@link SyncError}: the body is read to at most
 * {@code maxBytes} (a huge body is refused, not buffered), the call timeout bounds the whole exchange including a
 * slowly dripping body, and no exception escapes.
 */
public final class Calls {

    private Calls() {}

    /** The result of one exchange. */
    public sealed interface Reply {
        /** A 2xx (or 304) with its body, fully read and within the limit. */
        record Ok(int status, byte[] body, Headers headers) implements Reply {}

        record Failed(SyncError error) implements Reply {}
    }

    public static Reply execute(OkHttpClient client, Request request, long maxBytes, Clock clock) {
        if (!Endpoints.allowed(request.url())) {
            return new Reply.Failed(SyncError.of(Kind.LOCAL, "refusing plain http to a non-loopback host"));
        }
        try (Response response = client.newCall(request).execute()) {
            int status = response.code();
            Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After"), clock);
            if ((status >= 200 && status < 300) || status == 304) {
                ResponseBody body = response.body();
                long declared = body.contentLength();
                if (declared > maxBytes) {
                    return new Reply.Failed(new SyncError(Kind.BODY_TOO_LARGE, status,
                            "declared body of " + declared + " bytes exceeds the limit of " + maxBytes,
                            Optional.empty()));
                }
                BufferedSource source = body.source();
                Buffer buffer = new Buffer();
                while (buffer.size() <= maxBytes) {
                    if (source.read(buffer, 8192) == -1) {
                        break;
                    }
                }
                if (buffer.size() > maxBytes) {
                    return new Reply.Failed(new SyncError(Kind.BODY_TOO_LARGE, status,
                            "body exceeds the limit of " + maxBytes + " bytes", Optional.empty()));
                }
                return new Reply.Ok(status, buffer.readByteArray(), response.headers());
            }
            String detail = "HTTP " + status + serverCode(response);
            Kind kind;
            if (status == 408 || status == 409 || status == 429 || status >= 500) {
                kind = Kind.SERVER_BUSY;
            } else if (status == 401 || status == 403) {
                kind = Kind.AUTH;
            } else {
                kind = Kind.REJECTED;
            }
            return new Reply.Failed(new SyncError(kind, status, detail, retryAfter));
        } catch (SSLException e) {
            return new Reply.Failed(SyncError.of(Kind.TLS, describe(e)));
        } catch (InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return new Reply.Failed(SyncError.of(Kind.CONNECTION, "interrupted"));
            }
            return new Reply.Failed(SyncError.of(Kind.TIMEOUT, describe(e)));
        } catch (ConnectException e) {
            return new Reply.Failed(SyncError.of(Kind.CONNECTION, "connection refused or unreachable"));
        } catch (IOException e) {
            return new Reply.Failed(SyncError.of(Kind.CONNECTION, describe(e)));
        } catch (RuntimeException e) {
            // OkHttp surfaces some protocol violations (bad status line, bad headers) this way.
            return new Reply.Failed(SyncError.of(Kind.MALFORMED_RESPONSE, e.getClass().getSimpleName()));
        }
    }

    /** The server's machine-readable error code from a JSON error body, if short and plain; never free text. */
    private static String serverCode(Response response) {
        try {
            ResponseBody body = response.body();
            Buffer buffer = new Buffer();
            BufferedSource source = body.source();
            while (buffer.size() < 4096 && source.read(buffer, 4096 - buffer.size()) != -1) {
                // bounded peek at the error body
            }
            var node = Json.MAPPER.readTree(buffer.readByteArray());
            if (node != null && node.path("error").isTextual()) {
                String code = node.path("error").textValue();
                if (code.matches("[A-Za-z0-9_]{1,40}")) {
                    return " " + code;
                }
            }
        } catch (IOException | RuntimeException e) {
            // error bodies are optional and untrusted
        }
        return "";
    }

    /** Exception class and message, with anything after a '?' dropped so query-string credentials never leak. */
    static String describe(Exception e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int q = m.indexOf('?');
        if (q >= 0) {
            m = m.substring(0, q);
        }
        if (m.length() > 120) {
            m = m.substring(0, 120);
        }
        return e.getClass().getSimpleName() + ": " + m;
    }
}
