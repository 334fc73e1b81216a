package vn.clinicterm.card.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.card.ChipAuthentication;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.ReadStats;

/**
 * ChipEvidence as a small versioned text file (Java properties, UTF-8, binary values in Base64). Reading is strict:
 * a missing or malformed entry is an {@link IOException} that names the entry.
 */
public final class EvidenceCodec {

    public static final String FORMAT = "clinicterm-evidence/1";
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private EvidenceCodec() {}

    public static void write(ChipEvidence e, OutputStream out) throws IOException {
        Map<String, String> p = new TreeMap<>();
        p.put("format", FORMAT);
        p.put("readAt", e.readAt().toString());
        p.put("reader", e.reader());
        p.put("access", e.access().name());
        switch (e.accessKey()) {
            case AccessKey.Can can -> p.put("key.can", can.can());
            case AccessKey.Mrz mrz -> {
                p.put("key.mrz.documentNumber", mrz.documentNumber());
                p.put("key.mrz.dateOfBirth", mrz.dateOfBirth());
                p.put("key.mrz.dateOfExpiry", mrz.dateOfExpiry());
            }
        }
        e.files().forEach((fid, bytes) -> p.put(String.format("file.%04X", fid), b64(bytes)));
        switch (e.chipAuthentication()) {
            case ChipAuthentication.Ca ca -> {
                p.put("ca.protocol", ca.protocolOid());
                if (ca.keyId() != null) {
                    p.put("ca.keyId", ca.keyId().toString());
                }
                p.put("ca.confirmed", Boolean.toString(ca.confirmed()));
                p.put("ca.detail", ca.detail());
            }
            case ChipAuthentication.Aa aa -> {
                p.put("aa.challenge", b64(aa.challenge()));
                p.put("aa.response", b64(aa.response()));
            }
            case ChipAuthentication.None none -> p.put("none.reason", none.reason());
        }
        ReadStats s = e.stats();
        p.put("stats.apdus", Integer.toString(s.apdus()));
        p.put("stats.bytesSent", Long.toString(s.bytesSent()));
        p.put("stats.bytesReceived", Long.toString(s.bytesReceived()));
        p.put("stats.millis", Long.toString(s.millis()));
        p.put("stats.millisToIdentity", Long.toString(s.millisToIdentity()));
        p.put("stats.extendedLength", Boolean.toString(s.extendedLength()));
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> entry : p.entrySet()) {
            w.write(entry.getKey());
            w.write('=');
            w.write(escape(entry.getValue()));
            w.write('\n');
        }
        w.flush();
    }

    public static ChipEvidence read(InputStream in) throws IOException {
        byte[] raw = in.readNBytes(MAX_BYTES + 1);
        if (raw.length > MAX_BYTES) {
            throw new IOException("not ClinicTerm evidence: larger than " + MAX_BYTES + " bytes");
        }
        Properties p = new Properties();
        try {
            p.load(new InputStreamReader(new java.io.ByteArrayInputStream(raw), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException("not ClinicTerm evidence: " + e.getMessage());
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IOException("not ClinicTerm evidence (format line missing or of another version)");
        }
        try {
            AccessKey key = p.getProperty("key.can") != null
                    ? new AccessKey.Can(p.getProperty("key.can"))
                    : new AccessKey.Mrz(need(p, "key.mrz.documentNumber"), need(p, "key.mrz.dateOfBirth"),
                            need(p, "key.mrz.dateOfExpiry"));
            Map<Integer, byte[]> files = new LinkedHashMap<>();
            for (String name : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
                if (name.startsWith("file.")) {
                    files.put(Integer.parseInt(name.substring(5), 16), unb64(p, name));
                }
            }
            ChipAuthentication auth;
            if (p.getProperty("ca.protocol") != null) {
                String keyId = p.getProperty("ca.keyId");
                auth = new ChipAuthentication.Ca(keyId == null ? null : new BigInteger(keyId),
                        p.getProperty("ca.protocol"), Boolean.parseBoolean(need(p, "ca.confirmed")),
                        p.getProperty("ca.detail", ""));
            } else if (p.getProperty("aa.challenge") != null) {
                auth = new ChipAuthentication.Aa(unb64(p, "aa.challenge"), unb64(p, "aa.response"));
            } else {
                auth = new ChipAuthentication.None(p.getProperty("none.reason", ""));
            }
            ReadStats stats = new ReadStats(Integer.parseInt(need(p, "stats.apdus")),
                    Long.parseLong(need(p, "stats.bytesSent")), Long.parseLong(need(p, "stats.bytesReceived")),
                    Long.parseLong(need(p, "stats.millis")), Long.parseLong(need(p, "stats.millisToIdentity")),
                    Boolean.parseBoolean(need(p, "stats.extendedLength")));
            return new ChipEvidence(Instant.parse(need(p, "readAt")), p.getProperty("reader", ""),
                    AccessMethod.valueOf(need(p, "access")), key, files, auth, stats);
        } catch (RuntimeException e) {
            throw new IOException("damaged ClinicTerm evidence: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String need(Properties p, String name) throws IOException {
        String v = p.getProperty(name);
        if (v == null) {
            throw new IOException("damaged ClinicTerm evidence: '" + name + "' missing");
        }
        return v;
    }

    private static byte[] unb64(Properties p, String name) throws IOException {
        try {
            return Base64.getDecoder().decode(need(p, name));
        } catch (IllegalArgumentException e) {
            throw new IOException("damaged ClinicTerm evidence: '" + name + "' is not Base64");
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** Properties escaping for values (keys here are plain ASCII). */
    private static String escape(String v) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (i == 0 && (c == ' ' || c == '#' || c == '!')) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
