/**
 * The terminal's offline trust store: CSCA certificates (every generation, link certificates marked), the latest
 * CRL per issuer, and where each came from, kept in one directory so that passive authentication needs no network.
 *
 * <p>{@link vn.clinicterm.card.trust.TrustStore} imports ICAO master lists (CMS signature verified up to a configured
 * anchor, by default the UN CSCA), single CSCA or link certificates, CRLs, ICAO PKD LDIF files and directories of
 * these; every import outcome is an {@link vn.clinicterm.card.trust.ImportReport}, a rejected one changes nothing.
 * The verifier asks it for issuer candidates ({@code candidatesFor}) and revocation status. Everything under
 * {@code internal} is implementation: parsing, CMS checks, the store file and its atomic replacement.
 */
package vn.clinicterm.card.trust;
