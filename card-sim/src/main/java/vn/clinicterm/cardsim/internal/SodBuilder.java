package vn.clinicterm.cardsim.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.icao.DataGroupHash;
import org.bouncycastle.asn1.icao.ICAOObjectIdentifiers;
import org.bouncycastle.asn1.icao.LDSSecurityObject;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * EF.SOD: tag 77 around a CMS SignedData whose eContent is an LDSSecurityObject (SHA-256 of each data group's exact
 * bytes), signed attributes contentType, signingTime and messageDigest only, and the document signer identified by
 * issuer and serial number with its certificate embedded.
 */
public final class SodBuilder {

    public static final int TAG = 0x77;

    private SodBuilder() {}

    /**
     * @param dataGroups data group number to the bytes whose hash the SOD vouches for
     * @return the whole EF.SOD, tag 77 included
     */
    public static byte[] build(Map<Integer, byte[]> dataGroups, X509Certificate signer, PrivateKey key,
            Date signingTime, SecureRandom random) {
        Bc.ensureRegistered();
        try {
            return Der.tlv(TAG, contentInfo(dataGroups, signer, key, signingTime, random));
        } catch (GeneralSecurityException | OperatorCreationException | CMSException | IOException e) {
            throw new IllegalStateException("cannot sign the SOD", e);
        }
    }

    private static byte[] contentInfo(Map<Integer, byte[]> dataGroups, X509Certificate signer, PrivateKey key,
            Date signingTime, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException, CMSException, IOException {
        SortedMap<Integer, byte[]> sorted = new TreeMap<>(dataGroups);
        DataGroupHash[] hashes = new DataGroupHash[sorted.size()];
        int i = 0;
        for (Map.Entry<Integer, byte[]> dg : sorted.entrySet()) {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(dg.getValue());
            hashes[i++] = new DataGroupHash(dg.getKey(), new DEROctetString(hash));
        }
        LDSSecurityObject lds =
                new LDSSecurityObject(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), hashes);

        String algorithm = key.getAlgorithm().startsWith("RSA") ? "SHA256withRSAandMGF1" : "SHA256withECDSA";
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(
                new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build())
                        .setSignedAttributeGenerator(exactlyThreeAttributes(signingTime))
                        .build(new JcaContentSignerBuilder(algorithm)
                                .setProvider(Bc.PROVIDER)
                                .setSecureRandom(random)
                                .build(key), signer));
        generator.addCertificate(new JcaX509CertificateHolder(signer));
        CMSSignedData signed = generator.generate(
                new CMSProcessableByteArray(ICAOObjectIdentifiers.id_icao_ldsSecurityObject,
                        lds.getEncoded(ASN1Encoding.DER)),
                true);
        return signed.toASN1Structure().getEncoded(ASN1Encoding.DER);
    }

    /** BouncyCastle's default would add a CMSAlgorithmProtection attribute no real SOD carries, and today's time. */
    private static CMSAttributeTableGenerator exactlyThreeAttributes(Date signingTime) {
        return parameters -> {
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(CMSAttributes.contentType,
                    new DERSet((ASN1ObjectIdentifier) parameters.get(CMSAttributeTableGenerator.CONTENT_TYPE))));
            attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(signingTime))));
            attributes.add(new Attribute(CMSAttributes.messageDigest,
                    new DERSet(new DEROctetString((byte[]) parameters.get(CMSAttributeTableGenerator.DIGEST)))));
            return new AttributeTable(attributes);
        };
    }

    /**
     * The same SOD with one bit of the signature value flipped. The signature is the last thing in the encoding (the
     * last SignerInfo's last field, no unsigned attributes), so flipping the final byte's low bit changes only it.
     */
    public static byte[] withBrokenSignature(byte[] sod) {
        byte[] broken = sod.clone();
        broken[broken.length - 1] ^= 0x01;
        return broken;
    }

    /**
     * The same SOD with the SignedData SEQUENCE claiming 64 bytes more than there are: the {@code 77} wrapper and the
     * ContentInfo header are intact, so the file can be served and read, but not parsed.
     */
    public static byte[] malformed(byte[] sod) {
        byte[] broken = sod.clone();
        int contentInfo = headerLength(broken, 0); // 77 L
        int oid = contentInfo + headerLength(broken, contentInfo); // 30 L
        int explicit = oid + headerLength(broken, oid) + (broken[oid + 1] & 0xFF); // 06 L oid
        int signedData = explicit + headerLength(broken, explicit); // A0 L
        if (broken[signedData] != 0x30 || broken[signedData + 1] != (byte) 0x82) {
            throw new IllegalStateException("unexpected SOD layout");
        }
        int length = ((broken[signedData + 2] & 0xFF) << 8 | (broken[signedData + 3] & 0xFF)) + 64;
        broken[signedData + 2] = (byte) (length >>> 8);
        broken[signedData + 3] = (byte) length;
        return broken;
    }

    /** Tag and length bytes of the TLV at {@code offset} (one-byte tags only). */
    private static int headerLength(byte[] tlv, int offset) {
        int first = tlv[offset + 1] & 0xFF;
        return first < 0x80 ? 2 : 2 + (first & 0x7F);
    }
}
