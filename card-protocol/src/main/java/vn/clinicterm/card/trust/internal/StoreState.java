package vn.clinicterm.card.trust.internal;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import vn.clinicterm.card.trust.ImportKind;
import vn.clinicterm.card.trust.TrustedCsca;

/** One version of the store's content: immutable, with the indexes reads need. */
final class StoreState {

    /** An accepted import. {@code id} is its position in {@link #sources}. */
    record Source(int id, String name, ImportKind kind, Instant importedAt, boolean signatureVerified,
            int certificates, int certificatesAdded, int certificatesAlreadyKnown, int crls, String sha256,
            String verification) {}

    record Cert(byte[] der, X509CertificateHolder holder, X509Certificate certificate, String sha256, boolean link,
            int sourceId, String subjectKey, String skiHex) {}

    record Crl(byte[] der, X509CRLHolder holder, X509CRL crl, String issuerKey, int sourceId, boolean verified,
            String signerSha256) {}

    static final StoreState EMPTY = new StoreState(List.of(), List.of(), Map.of());

    final List<Source> sources;
    final List<Cert> certificates;
    final Map<String, Crl> crlsByIssuer;
    final Map<String, Cert> bySha256;
    final Map<String, List<Cert>> bySubject;
    final Map<String, List<Cert>> bySki;
    private volatile List<TrustedCsca> trusted;

    StoreState(List<Source> sources, List<Cert> certificates, Map<String, Crl> crlsByIssuer) {
        this.sources = List.copyOf(sources);
        this.certificates = List.copyOf(certificates);
        this.crlsByIssuer = Collections.unmodifiableMap(new LinkedHashMap<>(crlsByIssuer));
        Map<String, Cert> sha = new HashMap<>();
        Map<String, List<Cert>> subject = new HashMap<>();
        Map<String, List<Cert>> ski = new HashMap<>();
        for (Cert c : this.certificates) {
            sha.put(c.sha256(), c);
            subject.computeIfAbsent(c.subjectKey(), k -> new ArrayList<>()).add(c);
            if (!c.skiHex().isEmpty()) {
                ski.computeIfAbsent(c.skiHex(), k -> new ArrayList<>()).add(c);
            }
        }
        this.bySha256 = sha;
        this.bySubject = subject;
        this.bySki = ski;
    }

    List<TrustedCsca> trusted() {
        List<TrustedCsca> list = trusted;
        if (list == null) {
            list = new ArrayList<>(certificates.size());
            for (Cert c : certificates) {
                list.add(toTrusted(c));
            }
            list.sort(java.util.Comparator.comparing(TrustedCsca::country)
                    .thenComparing(TrustedCsca::subject)
                    .thenComparing(TrustedCsca::notBefore)
                    .thenComparing(TrustedCsca::sha256));
            list = List.copyOf(list);
            trusted = list;
        }
        return list;
    }

    private TrustedCsca toTrusted(Cert c) {
        X509CertificateHolder h = c.holder();
        KeyFacts key = KeyFacts.of(h.getSubjectPublicKeyInfo());
        String country = Certs.country(h.getSubject());
        if (country.isEmpty()) {
            country = Certs.country(h.getIssuer());
        }
        return new TrustedCsca(c.certificate(), country, Certs.rfc2253(h.getSubject()),
                h.getSerialNumber().toString(16), h.getNotBefore().toInstant(), h.getNotAfter().toInstant(),
                c.sha256(), c.link(), sources.get(c.sourceId()).name(), key.algorithm(), key.size(), key.curve(),
                key.explicit());
    }
}
