package vn.clinicterm.cardsim.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The SecurityInfo structures of EF.CardAccess and DG14 (ICAO 9303-11 §9.2), encoded with BouncyCastle. JMRTD 0.8.6
 * cannot encode them against BouncyCastle 1.83: its {@code getDERObject()} methods call the removed
 * {@code ASN1Integer(int)} constructor and fail with NoSuchMethodError (parsing is unaffected).
 */
public final class SecurityInfos {

    public static final String ID_PACE_ECDH_GM_AES_CBC_CMAC_128 = "0.4.0.127.0.7.2.2.4.2.2";
    public static final String ID_CA_ECDH_AES_CBC_CMAC_128 = "0.4.0.127.0.7.2.2.3.2.2";
    public static final String ID_PK_ECDH = "0.4.0.127.0.7.2.2.1.2";
    public static final String ID_TA = "0.4.0.127.0.7.2.2.2";
    public static final String ID_AA = "2.23.136.1.1.5";
    public static final String ECDSA_PLAIN_SHA256 = "0.4.0.127.0.7.1.1.4.1.3";
    /** Standardized domain parameters 13: brainpoolP256r1. */
    public static final int PARAM_ID_BRAINPOOL_P256_R1 = 13;

    private SecurityInfos() {}

    public static ASN1Encodable paceInfo() {
        return sequence(oid(ID_PACE_ECDH_GM_AES_CBC_CMAC_128), new ASN1Integer(2),
                new ASN1Integer(PARAM_ID_BRAINPOOL_P256_R1));
    }

    public static ASN1Encodable chipAuthenticationInfo() {
        return sequence(oid(ID_CA_ECDH_AES_CBC_CMAC_128), new ASN1Integer(1));
    }

    public static ASN1Encodable chipAuthenticationPublicKeyInfo(PublicKey key) {
        return sequence(oid(ID_PK_ECDH), SubjectPublicKeyInfo.getInstance(key.getEncoded()));
    }

    public static ASN1Encodable terminalAuthenticationInfo() {
        return sequence(oid(ID_TA), new ASN1Integer(1));
    }

    public static ASN1Encodable activeAuthenticationInfo(String signatureAlgorithm) {
        return sequence(oid(ID_AA), new ASN1Integer(1), oid(signatureAlgorithm));
    }

    /** {@code SET OF SecurityInfo}, DER: the whole of EF.CardAccess, or DG14's value. */
    public static byte[] set(List<ASN1Encodable> infos) {
        try {
            return new DERSet(infos.toArray(ASN1Encodable[]::new)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ASN1ObjectIdentifier oid(String oid) {
        return new ASN1ObjectIdentifier(oid);
    }

    private static DERSequence sequence(ASN1Encodable... elements) {
        return new DERSequence(elements);
    }
}
