package vn.clinicterm.terminal.storage;

/** What checking an export against its manifest found. */
public sealed interface ExportVerification {

    /**
     * Signature and file hash check out.
     *
     * @param signer whether the signing key is this terminal's ({@code THIS_TERMINAL}), another one
     *     ({@code OTHER_KEY}), or could not be compared because no key file is at hand ({@code UNKNOWN})
     */
    record Valid(ExportManifest manifest, Signer signer) implements ExportVerification {}

    /** @param reason for people: what failed (manifest unreadable, signature, file hash, other signer) */
    record Invalid(String reason) implements ExportVerification {}

    enum Signer {
        THIS_TERMINAL,
        OTHER_KEY,
        UNKNOWN
    }
}
