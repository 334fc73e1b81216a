package vn.clinicterm.cardsim.internal;

import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * Everything the test PKI consists of, by entry name ({@link PkiGenerator#ENTRY_NAMES}), plus the main CSCA's CRL.
 */
public record PkiMaterial(Map<String, Entry> entries, X509CRL crl) {

    public PkiMaterial {
        entries = Map.copyOf(entries);
    }

    public record Entry(X509Certificate certificate, PrivateKey privateKey) {}

    public Entry entry(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("no PKI entry " + name);
        }
        return entry;
    }
}
