package vn.clinicterm.cardsim.internal;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.teletrust.TeleTrusTNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/** An elliptic-curve group with a (possibly mapped) generator, as PACE and Chip Authentication use it. */
public record EcGroup(ECCurve curve, ECPoint generator, BigInteger order) {

    public static final EcGroup BRAINPOOL_P256R1 = named("brainpoolP256r1");

    public static EcGroup named(String name) {
        X9ECParameters p = TeleTrusTNamedCurves.getByName(name);
        return new EcGroup(p.getCurve(), p.getG().normalize(), p.getN());
    }

    public EcGroup withGenerator(ECPoint newGenerator) {
        return new EcGroup(curve, newGenerator.normalize(), order);
    }

    /** Field size in bytes: the length of one coordinate. */
    public int fieldBytes() {
        return (curve.getFieldSize() + 7) / 8;
    }

    public BigInteger randomScalar(SecureRandom random) {
        return BigIntegers.createRandomInRange(BigInteger.ONE, order.subtract(BigInteger.ONE), random);
    }

    /** Uncompressed encoding, always {@code 1 + 2·fieldBytes} bytes (leading zeros kept). */
    public byte[] encode(ECPoint point) {
        return point.normalize().getEncoded(false);
    }

    /** Decodes an uncompressed point and checks it lies on the curve and is not the point at infinity. */
    public ECPoint decode(byte[] encoded) {
        if (encoded.length != 1 + 2 * fieldBytes() || encoded[0] != 0x04) {
            throw new IllegalArgumentException("not an uncompressed point of this curve");
        }
        ECPoint point = curve.decodePoint(encoded);
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException("point not on the curve");
        }
        return point.normalize();
    }

    /** The x coordinate of {@code scalar · point}, left-padded to the field size (the ECDH shared secret). */
    public byte[] sharedSecret(BigInteger scalar, ECPoint point) {
        ECPoint shared = point.multiply(scalar).normalize();
        if (shared.isInfinity()) {
            throw new IllegalArgumentException("shared point at infinity");
        }
        return Bytes.fixedLength(shared.getAffineXCoord().toBigInteger(), fieldBytes());
    }
}
