package vn.clinicterm.sync.internal;

import java.net.URI;
import java.util.Locale;
import okhttp3.HttpUrl;
import vn.clinicterm.sync.SyncConfigException;

/**
 * The transport rule: HTTPS everywhere, plain HTTP only to this machine. Loopback is judged from the literal host —
 * never by resolving a name, which an attacker on the network could answer.
 */
public final class Endpoints {

    private Endpoints() {}

    public static boolean isLoopbackHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Throws unless the URL is https, or http to loopback. {@code key} names the setting for the message. */
    public static void requireSecureOrLoopback(URI url, String key) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (url.getHost() == null || url.getHost().isEmpty()) {
            throw new SyncConfigException(key, "must be an absolute http(s) URL with a host");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new SyncConfigException(key, "must not contain a query, fragment or user info");
        }
        if (scheme.equals("https")) {
            return;
        }
        if (scheme.equals("http")) {
            if (isLoopbackHost(url.getHost())) {
                return;
            }
            throw new SyncConfigException(key, "plain http:// is allowed only to loopback; use https://");
        }
        throw new SyncConfigException(key, "must be an https:// URL");
    }

    /** The same rule for a URL about to be called (defence in depth, e.g. against a redirect). */
    public static boolean allowed(HttpUrl url) {
        return url.isHttps() || isLoopbackHost(url.host());
    }
}
