package vn.clinicterm.card.trust.internal;

import java.math.BigInteger;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Algorithm, size and curve of a public key, read from its SubjectPublicKeyInfo (so explicit curves get a name). */
record KeyFacts(String algorithm, int size, String curve, boolean explicit) {

    private static volatile Map<String, String> curvesByParameters;

    static KeyFacts of(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier oid = spki.getAlgorithm().getAlgorithm();
        ASN1Encodable params = spki.getAlgorithm().getParameters();
        try {
            if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
                if (params instanceof ASN1ObjectIdentifier named) {
                    X9ECParameters x9 = ECNamedCurveTable.getByOID(named);
                    String name = ECNamedCurveTable.getName(named);
                    return new KeyFacts("EC", x9 == null ? 0 : x9.getN().bitLength(),
                            name == null ? named.getId() : name, false);
                }
                if (params instanceof ASN1Sequence) {
                    X9ECParameters x9 = X9ECParameters.getInstance(params);
                    String name = curvesByParameters().getOrDefault(parameterKey(x9), "unknown");
                    return new KeyFacts("EC", x9.getN().bitLength(), name, true);
                }
                return new KeyFacts("EC", 0, "implicitlyCA", false);
            }
            if (oid.equals(PKCSObjectIdentifiers.rsaEncryption) || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
                BigInteger modulus = RSAPublicKey.getInstance(spki.parsePublicKey()).getModulus();
                String name = oid.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : "RSASSA-PSS";
                return new KeyFacts(name, modulus.bitLength(), "", false);
            }
        } catch (Exception e) {
            return new KeyFacts(oid.getId(), 0, "", false);
        }
        return new KeyFacts(oid.getId(), 0, "", false);
    }

    private static String parameterKey(X9ECParameters x9) {
        return x9.getCurve().getField().getCharacteristic().toString(16) + "|"
                + x9.getCurve().getA().toBigInteger().toString(16) + "|"
                + x9.getCurve().getB().toBigInteger().toString(16) + "|"
                + org.bouncycastle.util.encoders.Hex.toHexString(x9.getG().getEncoded(false)) + "|"
                + x9.getN().toString(16);
    }

    private static Map<String, String> curvesByParameters() {
        Map<String, String> map = curvesByParameters;
        if (map == null) {
            map = new HashMap<>();
            for (Enumeration<?> names = ECNamedCurveTable.getNames(); names.hasMoreElements(); ) {
                String name = (String) names.nextElement();
                try {
                    X9ECParameters x9 = ECNamedCurveTable.getByName(name);
                    if (x9 != null) {
                        map.putIfAbsent(parameterKey(x9), name);
                    }
                } catch (RuntimeException e) {
                    // a curve BouncyCastle lists but cannot build: it cannot match either
                }
            }
            curvesByParameters = map;
        }
        return map;
    }
}
