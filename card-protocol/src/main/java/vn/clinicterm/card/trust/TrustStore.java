package vn.clinicterm.card.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import vn.clinicterm.card.trust.internal.DiskTrustStore;

/**
 * The terminal's offline trust: CSCA certificates and their CRLs, kept in one directory, so that passive
 * authentication works without a network.
 *
 * <p>Contract:
 * <ul>
 *   <li>Nothing is ever forgotten: every CSCA generation ever imported stays (an old document may be signed under
 *       an old key), link certificates included. Of CRLs only the latest per issuer is kept.
 *   <li>An import is all or nothing per file. A rejected file ({@link ImportReport#accepted()} false) leaves the
 *       store directory byte for byte as it was; an accepted one replaces the store file by an atomic rename of a
 *       fully written and synced temporary file, so a crash leaves either the old or the new store.
 *   <li>A master list is taken only when its CMS signature verifies and its signer chains to a configured anchor
 *       ({@link Config#masterListAnchors()}); a single CSCA certificate only when self-signed (trust then rests on
 *       the operator, who compares the fingerprint out of band) or, for a link certificate, when a CSCA in the store
 *       signed it; a CRL only when a CSCA in the store signed it.
 *   <li>Reading methods are cheap and thread-safe; imports are serialised (also across processes, by a file lock).
 * </ul>
 */
public interface TrustStore {

    /**
     * SHA-256 of {@code CN=United Nations CSCA, OU=Certification Authorities, O=United Nations, C=UN}, the
     * self-signed certificate valid 2022-06-14 to 2032-06-14 (serial and key as published in the ICAO PKD), which
     * issued {@code CN=ICAO Master List Signer} (valid 2025-06-27 to 2026-09-26), the signer of the ICAO CSCA master
     * list. It travels in the master list's CMS certificates and among the list's CSCAs.
     */
    String UN_CSCA_2022_SHA256 = "920693cd1283824ffdf48a3579fc35528122f3de46bab2ecdaef402db6d92e4e";

    /** The anchors a store trusts for master lists unless configured otherwise: the ICAO (UN) CSCA. */
    Set<String> DEFAULT_MASTER_LIST_ANCHORS = Set.of(UN_CSCA_2022_SHA256);

    /** Opens (creating if needed) the store in {@code dir} with the default configuration. */
    static TrustStore open(Path dir, Clock clock) throws IOException {
        return open(dir, clock, Config.defaults());
    }

    /**
     * Opens (creating if needed) the store in {@code dir}.
     *
     * @throws TrustStoreCorruptedException when the store file does not read back; nothing is changed then
     * @throws IOException when the directory cannot be created or read
     */
    static TrustStore open(Path dir, Clock clock, Config config) throws IOException {
        return DiskTrustStore.open(dir, clock, config);
    }

    /**
     * Puts back the copy of the store file that the last accepted import replaced, for when the store file is
     * corrupt. Returns false when there is no such copy.
     */
    static boolean restoreLastGoodCopy(Path dir) throws IOException {
        return DiskTrustStore.restoreLastGoodCopy(dir);
    }

    /** The directory the store lives in. */
    Path directory();

    /**
     * Imports a master list, certificate(s), CRL, ICAO PKD LDIF, or every regular file of a directory (not
     * recursive, names starting with '.' skipped), recognised by content, not by name. Outcomes, rejections
     * included, are values; only I/O failures throw.
     */
    ImportReport importFile(Path file) throws IOException;

    /** Every CSCA, ordered by country, subject, then notBefore. */
    List<TrustedCsca> cscas();

    /** The CSCAs of one state (ISO 3166 alpha-2, any case). */
    List<TrustedCsca> cscas(String countryAlpha2);

    /**
     * Every CSCA certificate that could have issued a certificate with this issuer name: all generations with that
     * subject, link certificates included, plus any whose subject key identifier equals {@code
     * authorityKeyIdentifierOrNull} (names are sometimes encoded differently). Those whose key identifier matches
     * come first. The caller verifies the signature; this is path building, not validation.
     */
    List<X509Certificate> candidatesFor(X500Principal issuer, byte[] authorityKeyIdentifierOrNull);

    /** What the latest CRL of the signer's issuer says about it at {@code at}. */
    RevocationStatus revocationStatus(X509Certificate documentSigner, Instant at);

    /** Sources, counts, CRLs and freshness against the store's clock. */
    TrustStatus status();

    /**
     * How a store decides what to trust.
     *
     * @param masterListAnchors SHA-256 fingerprints (hex, any case, colons allowed) of the certificates a master
     *     list signer must chain to. Empty: no master list is accepted.
     */
    record Config(Set<String> masterListAnchors) {

        public Config {
            masterListAnchors = masterListAnchors.stream()
                    .map(Config::normalisedFingerprint)
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        private static String normalisedFingerprint(String sha256Hex) {
            String hex = sha256Hex.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
            if (hex.length() != 64 || !HexFormat.isHexDigit(hex.chars().filter(c -> !HexFormat.isHexDigit(c))
                    .findFirst().orElse('0'))) {
                throw new IllegalArgumentException("not a SHA-256 fingerprint in hex: " + sha256Hex);
            }
            return hex;
        }

        public static Config defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private Set<String> anchors = DEFAULT_MASTER_LIST_ANCHORS;

            private Builder() {}

            public Builder masterListAnchors(Set<String> sha256Hex) {
                this.anchors = Set.copyOf(sha256Hex);
                return this;
            }

            public Config build() {
                return new Config(anchors);
            }
        }
    }
}
