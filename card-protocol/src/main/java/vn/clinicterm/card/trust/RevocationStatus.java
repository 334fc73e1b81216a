package vn.clinicterm.card.trust;

import java.time.Instant;

/**
 * What the store's CRLs say about a document signer certificate. A value, never an exception: the verification
 * policy decides what {@link Unknown} means for a visit.
 */
public sealed interface RevocationStatus {

    /** The issuer's CRL is fresh at the asked time and does not list the certificate. */
    record Good(Instant crlThisUpdate, Instant crlNextUpdate) implements RevocationStatus {}

    /**
     * The issuer's CRL lists the certificate. Reported whatever the asked time and however old the CRL: a
     * revocation is never taken back, and whether a revocation after signing matters is the policy's call.
     *
     * @param reason the entry's reason as a {@link java.security.cert.CRLReason} name ({@code KEY_COMPROMISE}…),
     *     "" when the entry has none
     */
    record Revoked(Instant revocationDate, String reason) implements RevocationStatus {}

    /** The store cannot say. */
    record Unknown(UnknownReason reason, String detail) implements RevocationStatus {}

    enum UnknownReason {
        /** No CRL from the certificate's issuer has been imported. */
        NO_CRL_FOR_ISSUER,
        /** The issuer's latest CRL has a nextUpdate before the asked time (or none at all). */
        CRL_STALE,
        /**
         * The CRL's signature was not verified. The store rejects such CRLs on import, so this only shows for a
         * store written by a future version that keeps them.
         */
        CRL_SIGNATURE_UNVERIFIED
    }
}
