package vn.clinicterm.terminal.storage;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import vn.clinicterm.terminal.storage.internal.CsvExport;
import vn.clinicterm.terminal.storage.internal.JsonText;
import vn.clinicterm.terminal.storage.internal.PdfSummary;

/**
 * Auditor exports and their verification. An export streams the visits (memory stays flat), hashes the file as it
 * is written, records an EXPORT audit entry (format, rows, hash, date range, whether IDs are full) and writes a signed
 * manifest beside the file quoting the chain head that entry produced.
 */
public final class Exports {

    private static final String MANIFEST_FORMAT = "clinicterm-export-manifest/1";

    private Exports() {}

    /** Writes the export and its manifest; an existing file at {@code out} is replaced. */
    public static ExportManifest write(VisitLog log, ExportRequest request) {
        VisitQuery query = VisitQuery.days(request.from(), request.to());
        MessageDigest sha = sha256();
        long rows;
        try (OutputStream file = Files.newOutputStream(request.out());
                DigestOutputStream hashed = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), sha);
                Stream<VisitRecord> visits = log.search(query)) {
            rows = switch (request.format()) {
                case CSV -> CsvExport.write(visits, hashed, log.zone(), request.ids() == ExportRequest.IdDisplay.FULL);
                case PDF -> PdfSummary.write(visits, hashed, log.zone(), request.from(), request.to(),
                        log.terminalId());
            };
            hashed.flush();
        } catch (IOException e) {
            throw new StorageException("cannot write the export " + request.out() + ": " + e.getMessage(), e);
        }
        String fileHash = HexFormat.of().formatHex(sha.digest());
        Instant now = log.clockInstant();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("format", request.format().name());
        d.put("file", request.out().getFileName().toString());
        d.put("rows", rows);
        d.put("sha256", fileHash);
        d.put("from", request.from().toString());
        d.put("to", request.to().toString());
        d.put("fullIds", request.ids() == ExportRequest.IdDisplay.FULL);
        log.write(c -> log.appendAudit(c, now, AuditType.EXPORT, request.actor(), d));
        ChainHead head = log.chainHead();
        ExportManifest unsigned = new ExportManifest(request.format().name(), request.out().getFileName().toString(),
                rows, fileHash, request.from(), request.to(), request.ids() == ExportRequest.IdDisplay.FULL, head,
                now, log.terminalId(), Base64.getEncoder().encodeToString(log.signingPublicKey().getEncoded()), "");
        String signature = Base64.getEncoder().encodeToString(log.sign(canonical(unsigned)));
        ExportManifest manifest = new ExportManifest(unsigned.format(), unsigned.file(), rows, fileHash,
                unsigned.from(), unsigned.to(), unsigned.fullIds(), head, now, unsigned.terminalId(),
                unsigned.publicKey(), signature);
        try {
            Files.write(request.manifest(), fileBytes(manifest));
        } catch (IOException e) {
            throw new StorageException("cannot write the manifest " + request.manifest() + ": " + e.getMessage(), e);
        }
        return manifest;
    }

    /**
     * Checks {@code file} against {@code file.manifest.json}: the manifest must be exactly in canonical form, its
     * signature must verify with its public key, and the file's SHA-256 must match. With {@code expectedSigner}, the
     * signer must also be that key.
     */
    public static ExportVerification verify(Path file, Optional<PublicKey> expectedSigner) {
        Path manifestFile = file.resolveSibling(file.getFileName() + ".manifest.json");
        if (!Files.isRegularFile(file)) {
            return new ExportVerification.Invalid("the export " + file + " does not exist");
        }
        if (!Files.isRegularFile(manifestFile)) {
            return new ExportVerification.Invalid("the manifest " + manifestFile.getFileName() + " is missing");
        }
        ExportManifest m;
        byte[] onDisk;
        try {
            onDisk = Files.readAllBytes(manifestFile);
            m = parse(new String(onDisk, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new ExportVerification.Invalid("the manifest cannot be read: " + e.getMessage());
        } catch (RuntimeException e) {
            return new ExportVerification.Invalid("the manifest is damaged (" + e.getMessage() + ")");
        }
        if (!java.util.Arrays.equals(onDisk, fileBytes(m))) {
            return new ExportVerification.Invalid("the manifest was altered (it is not in the form ClinicTerm signs)");
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(m.publicKey())));
            Signature v = Signature.getInstance("Ed25519");
            v.initVerify(key);
            v.update(canonical(m));
            if (!v.verify(Base64.getDecoder().decode(m.signature()))) {
                return new ExportVerification.Invalid("the manifest's signature does not verify: it was altered");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new ExportVerification.Invalid("the manifest's signature does not verify: it was altered");
        }
        if (!m.file().equals(file.getFileName().toString())) {
            return new ExportVerification.Invalid("the manifest is for " + m.file() + ", not " + file.getFileName());
        }
        String actual;
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = sha256();
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
            actual = HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            return new ExportVerification.Invalid("the export cannot be read: " + e.getMessage());
        }
        if (!actual.equals(m.sha256())) {
            return new ExportVerification.Invalid("the export " + file.getFileName()
                    + " was altered: its SHA-256 does not match the signed manifest");
        }
        ExportVerification.Signer signer = expectedSigner
                .map(k -> k.equals(key) ? ExportVerification.Signer.THIS_TERMINAL : ExportVerification.Signer.OTHER_KEY)
                .orElse(ExportVerification.Signer.UNKNOWN);
        if (signer == ExportVerification.Signer.OTHER_KEY) {
            return new ExportVerification.Invalid("the export is intact but signed by another key than this terminal's");
        }
        return new ExportVerification.Valid(m, signer);
    }

    private static Map<String, Object> members(ExportManifest m) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("manifest", MANIFEST_FORMAT);
        j.put("format", m.format());
        j.put("file", m.file());
        j.put("rows", m.rows());
        j.put("sha256", m.sha256());
        j.put("from", m.from().toString());
        j.put("to", m.to().toString());
        j.put("fullIds", m.fullIds());
        j.put("chainHeadSeq", m.chainHead().seq());
        j.put("chainHeadHash", m.chainHead().hash());
        j.put("createdAt", m.createdAt().toString());
        j.put("terminalId", m.terminalId());
        j.put("publicKey", m.publicKey());
        return j;
    }

    static byte[] canonical(ExportManifest m) {
        return JsonText.write(members(m)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fileBytes(ExportManifest m) {
        Map<String, Object> j = members(m);
        j.put("signature", m.signature());
        return (JsonText.write(j) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static ExportManifest parse(String text) {
        Map<String, Object> j = JsonText.parseObject(text.strip());
        if (!MANIFEST_FORMAT.equals(j.get("manifest"))) {
            throw new IllegalArgumentException("not a ClinicTerm export manifest");
        }
        return new ExportManifest(str(j, "format"), str(j, "file"), num(j, "rows"), str(j, "sha256"),
                LocalDate.parse(str(j, "from")), LocalDate.parse(str(j, "to")), bool(j, "fullIds"),
                new ChainHead(num(j, "chainHeadSeq"), str(j, "chainHeadHash")), Instant.parse(str(j, "createdAt")),
                str(j, "terminalId"), str(j, "publicKey"), str(j, "signature"));
    }

    private static String str(Map<String, Object> j, String k) {
        if (j.get(k) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("'" + k + "' missing or not text");
    }

    private static long num(Map<String, Object> j, String k) {
        if (j.get(k) instanceof Long n) {
            return n;
        }
        throw new IllegalArgumentException("'" + k + "' missing or not a number");
    }

    private static boolean bool(Map<String, Object> j, String k) {
        if (j.get(k) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("'" + k + "' missing or not true/false");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new StorageException("SHA-256 is unavailable", e);
        }
    }
}
