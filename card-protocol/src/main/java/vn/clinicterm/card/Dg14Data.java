package vn.clinicterm.card;

import java.math.BigInteger;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DG14's security infos that matter to a terminal: the Chip Authentication keys and protocols, and the Active
 * Authentication signature algorithm. Other infos (Terminal Authentication, PACE) are left out.
 *
 * @param activeAuthenticationAlgorithmOid from the ActiveAuthenticationInfo (e.g. ecdsa-plain-SHA256,
 *     {@code 0.4.0.127.0.7.1.1.4.1.3}); empty when DG14 has none (RSA Active Authentication needs none)
 */
public record Dg14Data(
        List<ChipAuthenticationKey> chipAuthenticationKeys,
        List<ChipAuthenticationInfo> chipAuthenticationInfos,
        Optional<String> activeAuthenticationAlgorithmOid) {

    public Dg14Data {
        chipAuthenticationKeys = List.copyOf(chipAuthenticationKeys);
        chipAuthenticationInfos = List.copyOf(chipAuthenticationInfos);
        Objects.requireNonNull(activeAuthenticationAlgorithmOid, "activeAuthenticationAlgorithmOid");
    }

    /**
     * A ChipAuthenticationPublicKeyInfo.
     *
     * @param protocolOid e.g. id-PK-ECDH {@code 0.4.0.127.0.7.2.2.1.2}
     */
    public record ChipAuthenticationKey(Optional<BigInteger> keyId, PublicKey publicKey, String protocolOid) {
        public ChipAuthenticationKey {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(publicKey, "publicKey");
            Objects.requireNonNull(protocolOid, "protocolOid");
        }
    }

    /**
     * A ChipAuthenticationInfo.
     *
     * @param oid e.g. id-CA-ECDH-AES-CBC-CMAC-128 {@code 0.4.0.127.0.7.2.2.3.2.2}
     */
    public record ChipAuthenticationInfo(String oid, int version, Optional<BigInteger> keyId) {
        public ChipAuthenticationInfo {
            Objects.requireNonNull(oid, "oid");
            Objects.requireNonNull(keyId, "keyId");
        }
    }
}
