package vn.clinicterm.card.verify.internal;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.clinicterm.card.SodData;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;
import vn.clinicterm.card.verify.VerificationPolicy;
import vn.clinicterm.card.verify.VerificationPolicy.Level;

/**
 * The algorithm policy over the SOD's data group hash, its signature's digest, and the RSA keys on the path: SHA-1
 * weighs at {@code algorithm.sha1} (accepted but flagged by default), MD5 at {@code algorithm.md5} (rejected), an
 * unknown digest and an RSA key shorter than {@code algorithm.rsaMinimumBits} at this check's level. The worst
 * finding decides; a rejection leaves the chip unproven (INDETERMINATE), it proves no forgery.
 */
final class AlgorithmCheck implements Check {

    private static final Set<String> SHA1_SIGNATURES = Set.of("1.2.840.10045.4.1", "1.2.840.113549.1.1.5");
    private static final String MD5_WITH_RSA = "1.2.840.113549.1.1.4";

    @Override
    public CheckId id() {
        return CheckId.ALGORITHMS;
    }

    @Override
    public Finding run(VerificationContext context) {
        Optional<SodData> parsed = context.sodIfParsed();
        if (parsed.isEmpty()) {
            return Finding.skipped("check.skipped.noSod");
        }
        SodData sod = parsed.get();
        VerificationPolicy policy = context.policy();
        Level checkLevel = policy.level(CheckId.ALGORITHMS);
        List<Level> levels = new ArrayList<>();
        Set<String> findings = new LinkedHashSet<>();
        List<String> digests = new ArrayList<>();
        digests.add(sod.digestAlgorithmOid());
        context.signerDigestOid().ifPresent(digests::add);
        for (String oid : digests) {
            if (oid.equals(Crypto.SHA1_OID)) {
                levels.add(policy.sha1Level());
                findings.add("SHA-1");
            } else if (oid.equals(Crypto.MD5_OID)) {
                levels.add(policy.md5Level());
                findings.add("MD5");
            } else if (Crypto.digestName(oid).isEmpty()) {
                levels.add(checkLevel);
                findings.add(oid);
            }
        }
        if (SHA1_SIGNATURES.contains(sod.signatureAlgorithmOid())) {
            levels.add(policy.sha1Level());
            findings.add("SHA-1");
        } else if (MD5_WITH_RSA.equals(sod.signatureAlgorithmOid())) {
            levels.add(policy.md5Level());
            findings.add("MD5");
        }
        List<X509Certificate> keys = context.path().isEmpty()
                ? sod.signerCertificate().map(List::of).orElse(List.of()) : context.path();
        for (X509Certificate certificate : keys) {
            PublicKey key = certificate.getPublicKey();
            if (key instanceof RSAKey rsa && rsa.getModulus().bitLength() < policy.rsaMinimumBits()) {
                levels.add(checkLevel);
                findings.add("RSA-" + rsa.getModulus().bitLength());
            }
        }
        Optional<Level> worst = levels.stream().filter(l -> l != Level.IGNORE).min(Enum::compareTo);
        if (worst.isEmpty()) {
            return Finding.passed("crypto.algorithms.ok",
                    Crypto.digestName(sod.digestAlgorithmOid()).orElse(sod.digestAlgorithmOid()));
        }
        String list = String.join(", ", findings);
        return worst.get() == Level.FAIL
                ? Finding.indeterminateAt(Level.FAIL, SubIndication.ALGORITHM_REJECTED, "crypto.algorithms.rejected", list)
                : Finding.indeterminateAt(worst.get(), SubIndication.ALGORITHM_FLAGGED, "crypto.algorithms.flagged", list);
    }
}
