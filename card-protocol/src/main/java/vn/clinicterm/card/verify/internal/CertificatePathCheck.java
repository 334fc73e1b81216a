package vn.clinicterm.card.verify.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.clinicterm.card.SodData;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/**
 * The document signer certificate chains to a CSCA in the trust store. Path building: the store's candidates for the
 * issuer name (every generation with that name, link certificates included, key identifier matches first); the
 * first whose key verifies the certificate is taken, and a link certificate is followed up to a self-signed CSCA.
 * Key usage: digitalSignature on the document signer, keyCertSign on every CA certificate (when the extension is
 * present). Validity is the next check's business.
 *
 * <p>No CSCA in the store verifies the signer: INDETERMINATE, never FAILED (the country may simply be missing from
 * the store).
 */
final class CertificatePathCheck implements Check {

    private static final int MAX_DEPTH = 5;
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;

    @Override
    public CheckId id() {
        return CheckId.CERTIFICATE_PATH;
    }

    @Override
    public Finding run(VerificationContext context) {
        Optional<X509Certificate> signer = context.sodIfParsed().flatMap(SodData::signerCertificate);
        if (signer.isEmpty()) {
            return Finding.skipped("check.skipped.noSignerCertificate");
        }
        X509Certificate dsc = signer.get();
        String issuer = dsc.getIssuerX500Principal().getName();
        List<X509Certificate> candidates =
                context.trustStore().candidatesFor(dsc.getIssuerX500Principal(), Crypto.authorityKeyIdentifier(dsc));
        if (candidates.isEmpty()) {
            return Finding.indeterminate(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, "pki.path.unknownCsca", issuer);
        }
        List<X509Certificate> path = new ArrayList<>();
        path.add(dsc);
        if (!extend(context, path, candidates)) {
            return Finding.indeterminate(SubIndication.NO_CERTIFICATE_CHAIN_FOUND, "pki.path.noCscaVerifies", issuer,
                    candidates.size());
        }
        context.path(path);

        boolean[] dscUsage = dsc.getKeyUsage();
        if (dscUsage != null && (dscUsage.length <= DIGITAL_SIGNATURE || !dscUsage[DIGITAL_SIGNATURE])) {
            return Finding.failed(SubIndication.CHAIN_CONSTRAINTS_FAILURE, "pki.path.signerKeyUsage");
        }
        for (X509Certificate ca : path.subList(1, path.size())) {
            boolean[] usage = ca.getKeyUsage();
            if (usage != null && (usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN])) {
                return Finding.failed(SubIndication.CHAIN_CONSTRAINTS_FAILURE, "pki.path.cscaKeyUsage",
                        ca.getSubjectX500Principal().getName());
            }
        }
        X509Certificate anchor = path.getLast();
        boolean viaLink = path.size() > 2;
        return Finding.passed(viaLink ? "pki.path.okViaLink" : "pki.path.ok",
                anchor.getSubjectX500Principal().getName(), path.size() - 1);
    }

    /**
     * Appends to {@code path} the first candidate that verifies its last certificate, and, when that candidate is a
     * link certificate (not self-signed), its own issuer in turn. Every certificate the store holds is trusted (the
     * store took a link certificate only when a stored CSCA signed it), so a link certificate whose issuer is missing
     * still ends the path.
     */
    private static boolean extend(VerificationContext context, List<X509Certificate> path,
            List<X509Certificate> candidates) {
        X509Certificate child = path.getLast();
        for (X509Certificate candidate : candidates) {
            if (path.contains(candidate) || !Crypto.signedBy(child, candidate.getPublicKey())) {
                continue;
            }
            path.add(candidate);
            if (Crypto.selfSigned(candidate) || path.size() > MAX_DEPTH) {
                return true;
            }
            List<X509Certificate> next = context.trustStore().candidatesFor(candidate.getIssuerX500Principal(),
                    Crypto.authorityKeyIdentifier(candidate));
            extend(context, path, next); // finding none, the link certificate ends the path
            return true;
        }
        return false;
    }
}
