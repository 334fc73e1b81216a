package vn.clinicterm.card.trust;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * The store at a glance, for {@code clinicterm trust status} and the app's health screen.
 *
 * @param asOf the clock's time when this was computed; staleness is judged against it
 * @param sources every import the store took, oldest first
 * @param cscaCount certificates in the store (all generations, link certificates included)
 * @param linkCertificateCount of which link certificates
 * @param countries states with at least one CSCA
 * @param crls the latest CRL per issuer
 * @param freshness the overall verdict
 * @param lastUpdate when the store last took an import
 */
public record TrustStatus(
        Instant asOf,
        List<Source> sources,
        int cscaCount,
        int linkCertificateCount,
        SortedSet<String> countries,
        List<Crl> crls,
        Freshness freshness,
        Optional<Instant> lastUpdate) {

    public TrustStatus {
        sources = List.copyOf(sources);
        crls = List.copyOf(crls);
        countries = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(countries));
    }

    /** One accepted import (a file imported again updates its entry rather than adding one). */
    public record Source(
            String name,
            ImportKind kind,
            Instant importedAt,
            int certificates,
            int certificatesAdded,
            int crls,
            boolean signatureVerified,
            String verification,
            String sha256) {}

    /** The latest CRL of one issuer. {@code stale} when nextUpdate is missing or before {@link #asOf}. */
    public record Crl(
            String issuer,
            String country,
            Instant thisUpdate,
            Optional<Instant> nextUpdate,
            boolean stale,
            int revokedCount,
            String source) {}

    public enum Freshness {
        /** No CSCA at all: nothing can be verified. */
        EMPTY,
        /** CSCAs but no CRL: revocation is UNKNOWN for every document signer. */
        NO_CRLS,
        /** At least one CRL is past its nextUpdate. */
        STALE_CRLS,
        /** Every CRL is within its validity. */
        CURRENT
    }
}
