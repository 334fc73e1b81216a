package vn.clinicterm.card.trust;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * What one {@link TrustStore#importFile} did. A rejected import ({@code accepted == false}) changed nothing; its
 * {@link #message} says why in plain English (no personal data: trust material names states and authorities only).
 *
 * @param kind what the file was
 * @param source the file (or directory) name, without its parent directories
 * @param accepted whether the store took the file; for a directory, whether it took at least one file
 * @param message one sentence for people
 * @param certificatesInFile certificates found (and parsed) in the file
 * @param certificatesAdded certificates the store did not know before
 * @param certificatesAlreadyKnown certificates the store already had (same SHA-256)
 * @param crlsAdded CRLs that became the latest for their issuer
 * @param countries the states whose certificates or CRLs the file carried, ISO 3166 alpha-2, sorted
 * @param certificatesPerCountry certificates per state
 * @param unparsableCertificates one line per certificate that could not be parsed (position and reason)
 * @param signatureVerified whether the file's own signature (CMS for a master list, the certificate's or CRL's
 *     signature otherwise) verified up to something trusted
 * @param signer who signed it: the master list signer's subject, or the CSCA that signed a CRL or link certificate;
 *     empty when nobody (or for a self-signed CSCA, the CSCA itself)
 * @param perFile for a directory, one report per file (directories have no nested reports otherwise)
 */
public record ImportReport(
        ImportKind kind,
        String source,
        boolean accepted,
        String message,
        int certificatesInFile,
        int certificatesAdded,
        int certificatesAlreadyKnown,
        int crlsAdded,
        SortedSet<String> countries,
        SortedMap<String, Integer> certificatesPerCountry,
        List<String> unparsableCertificates,
        boolean signatureVerified,
        String signer,
        List<ImportReport> perFile) {

    public ImportReport {
        countries = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(countries));
        certificatesPerCountry = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(certificatesPerCountry));
        unparsableCertificates = List.copyOf(unparsableCertificates);
        perFile = List.copyOf(perFile);
    }

    /** A report for a file the store did not take. */
    public static ImportReport rejected(ImportKind kind, String source, String message) {
        return new ImportReport(kind, source, false, message, 0, 0, 0, 0, new java.util.TreeSet<>(),
                new java.util.TreeMap<>(), List.of(), false, "", List.of());
    }
}
