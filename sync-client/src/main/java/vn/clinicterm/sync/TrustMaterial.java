package vn.clinicterm.sync;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed bundle of CSCA certificates and CRLs for the trust store, as downloaded. This client does not verify the
 * signature: the trust store does, with the anchor it already trusts, before using anything inside.
 *
 * @param version opaque and monotonically increasing; pass it back to download only newer material
 * @param signedBlob the signed container (CMS SignedData), bytes as received
 */
public record TrustMaterial(String version, Instant issuedAt, byte[] signedBlob) {
    public TrustMaterial {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(issuedAt, "issuedAt");
        signedBlob = signedBlob.clone();
    }

    @Override
    public byte[] signedBlob() {
        return signedBlob.clone();
    }
}
