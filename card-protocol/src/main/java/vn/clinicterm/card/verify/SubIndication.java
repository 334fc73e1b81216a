package vn.clinicterm.card.verify;

/**
 * Why a verdict is FAILED or INDETERMINATE (and why a check did not pass). Names follow ETSI EN 319 102-1 where one
 * fits; the eMRTD-specific ones are ours.
 */
public enum SubIndication {
    /** EF.SOD, or a data group a check needs, cannot be parsed. */
    FORMAT_FAILURE,
    /** A data group's bytes do not hash to the value the SOD holds, or the SOD's messageDigest does not match. */
    HASH_FAILURE,
    /** The SOD's signature does not verify with the document signer's key. */
    SIG_CRYPTO_FAILURE,
    /** The SOD's signature is not made the way ICAO 9303 requires (signed attributes, content type). */
    SIG_CONSTRAINTS_FAILURE,
    /** The SOD carries no document signer certificate. */
    NO_SIGNING_CERTIFICATE_FOUND,
    /** No CSCA in the trust store issued the document signer: an unknown (or unimported) country signing CA. */
    NO_CERTIFICATE_CHAIN_FOUND,
    /** A certificate on the path is not allowed to do what it did (key usage). */
    CHAIN_CONSTRAINTS_FAILURE,
    /** A certificate on the path had expired at the time the policy's validity model looks at. */
    EXPIRED,
    /** A certificate on the path was not yet valid at that time. */
    NOT_YET_VALID,
    /** The document signer certificate is on its CSCA's revocation list. */
    REVOKED,
    /** No current CRL says whether the document signer is revoked. */
    REVOCATION_UNKNOWN,
    /** The chip failed Chip or Active Authentication: it does not hold the key its signed data publishes. */
    CLONE_SUSPECTED,
    /** Neither Chip nor Active Authentication proved the chip genuine (not run, or not covered by the SOD). */
    CHIP_AUTHENTICATION_NOT_PERFORMED,
    /** The MRZ in DG1 disagrees with the access key used or with DG13. */
    MRZ_MISMATCH,
    /** An algorithm or key size the policy rejects, or one this verifier does not support. */
    ALGORITHM_REJECTED,
    /** An algorithm the policy accepts but flags (SHA-1 by default). */
    ALGORITHM_FLAGGED,
    /** A data group was read that the SOD does not vouch for. */
    UNSIGNED_DATA,
    /** A data group the SOD vouches for was not read, so its content is unchecked. */
    DATA_GROUP_NOT_READ,
    /** EF.COM's list of data groups disagrees with the SOD's. */
    LDS_INCONSISTENT,
    /** The document's own expiry date has passed. */
    DOCUMENT_EXPIRED,
    /** A check failed to run (a defect of this program, not a property of the card); see the detailed report. */
    VERIFIER_ERROR
}
