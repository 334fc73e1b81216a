package vn.clinicterm.card;

import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * EF.SOD as parsed, not verified: a CMS SignedData over an LDS security object. Verification (hashes, signature,
 * certificate path) belongs to the verifier, which re-reads {@link #contentInfo()}.
 *
 * @param digestAlgorithm the data-group hash algorithm's JCA name, e.g. {@code SHA-256}; the OID when unknown
 * @param digestAlgorithmOid e.g. {@code 2.16.840.1.101.3.4.2.1}
 * @param dataGroupHashes data group number to hash; the accessor returns copies
 * @param ldsVersion from the LDS version info (security object version 1), e.g. {@code 0108}; empty for version 0
 * @param contentInfo the CMS ContentInfo exactly as stored, without the {@code 77} wrapper; the accessor returns a
 *     copy
 * @param signerCertificate the document signer certificate, when the SOD embeds it
 * @param signatureAlgorithmOid the SignerInfo's signature algorithm, e.g. {@code 1.2.840.10045.4.3.2}
 * @param securityObjectOid the eContentType: {@code 2.23.136.1.1.1}, or the older {@code 1.3.27.1.1.1}
 */
public record SodData(
        String digestAlgorithm,
        String digestAlgorithmOid,
        Map<Integer, byte[]> dataGroupHashes,
        Optional<String> ldsVersion,
        byte[] contentInfo,
        Optional<X509Certificate> signerCertificate,
        String signatureAlgorithmOid,
        String securityObjectOid) {

    public SodData {
        Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
        Objects.requireNonNull(digestAlgorithmOid, "digestAlgorithmOid");
        dataGroupHashes = copy(dataGroupHashes);
        Objects.requireNonNull(ldsVersion, "ldsVersion");
        contentInfo = contentInfo.clone();
        Objects.requireNonNull(signerCertificate, "signerCertificate");
        Objects.requireNonNull(signatureAlgorithmOid, "signatureAlgorithmOid");
        Objects.requireNonNull(securityObjectOid, "securityObjectOid");
    }

    @Override
    public Map<Integer, byte[]> dataGroupHashes() {
        return copy(dataGroupHashes);
    }

    /** The hash the SOD holds for data group {@code number}, if any. */
    public Optional<byte[]> hashOf(int number) {
        byte[] hash = dataGroupHashes.get(number);
        return hash == null ? Optional.empty() : Optional.of(hash.clone());
    }

    @Override
    public byte[] contentInfo() {
        return contentInfo.clone();
    }

    private static Map<Integer, byte[]> copy(Map<Integer, byte[]> hashes) {
        TreeMap<Integer, byte[]> copy = new TreeMap<>();
        hashes.forEach((number, hash) -> copy.put(number, hash.clone()));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return "SodData[" + digestAlgorithm + ", data groups " + dataGroupHashes.keySet() + ", signature "
                + signatureAlgorithmOid + ", signer certificate " + (signerCertificate.isPresent() ? "embedded" : "absent")
                + "]";
    }
}
