package vn.clinicterm.card.trust;

/** What an imported file turned out to be. */
public enum ImportKind {
    /** An ICAO CSCA master list: CMS SignedData with eContentType 2.23.136.1.1.2. */
    MASTER_LIST,
    /** One or more X.509 certificates, DER or PEM. */
    CERTIFICATE,
    /** A certificate revocation list, DER or PEM. */
    CRL,
    /** An ICAO PKD LDIF export. */
    LDIF,
    /** A directory: every regular file in it. */
    DIRECTORY,
    /** Nothing the store understands. */
    UNRECOGNISED
}
