package vn.clinicterm.card.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
import org.bouncycastle.asn1.icao.LDSSecurityObject;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.signers.ISO9796d2Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.card.ChipAuthentication;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.ReadStats;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.CardImages;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.cardsim.TestPki;

/** Evidence, trust stores and SODs for the verifier's tests, built from the card simulator and BouncyCastle. */
final class VerifyFixtures {

    /** Inside every test signer's validity and the test CRL's (thisUpdate 2026-01-01, nextUpdate 2027-06-01). */
    static final Instant MARCH_2026 = Instant.parse("2026-03-01T03:00:00Z");
    /** Past the test CRL's nextUpdate. */
    static final Instant JULY_2027 = Instant.parse("2027-07-01T03:00:00Z");
    static final String CA_PROTOCOL = "0.4.0.127.0.7.2.2.3.2.2";
    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    static final TestPki PKI = TestPki.standard();

    private static final Map<String, CardImage> IMAGES = new ConcurrentHashMap<>();

    private VerifyFixtures() {}

    static Clock clock(Instant at) {
        return Clock.fixed(at, ZoneOffset.UTC);
    }

    static Path sharedDir() {
        Path dir = Path.of(System.getProperty("clinicterm.shared.dir", "../../shared"));
        assertThat(dir.resolve("lds-samples")).as("the shared directory (set -Dclinicterm.shared.dir)").isDirectory();
        return dir;
    }

    static byte[] shared(String relative) {
        Path file = sharedDir().resolve(relative);
        assertThat(file).as("shared file " + relative).isRegularFile();
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CardImage card(int citizen, FaultProfile... profiles) {
        Set<FaultProfile> set = Set.of(profiles);
        return IMAGES.computeIfAbsent(citizen + "|" + set,
                key -> CardImages.build(SyntheticCitizens.citizen(citizen), PKI, set));
    }

    /** A store holding the simulator's two CSCAs and its CRL (the unknown CSCA deliberately absent). */
    static TrustStore simStore(Path dir, Instant now) {
        try {
            Path pki = dir.resolve("pki");
            PKI.exportTo(pki);
            TrustStore store = TrustStore.open(dir.resolve("store"), clock(now));
            ImportReport report = store.importFile(pki);
            assertThat(report.accepted()).as(report.message()).isTrue();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A store holding the brainpool CSCA only: no CRL at all. */
    static TrustStore crlLessStore(Path dir, Instant now) {
        try {
            Path pki = dir.resolve("pki");
            PKI.exportTo(pki);
            TrustStore store = TrustStore.open(dir.resolve("store"), clock(now));
            assertThat(store.importFile(pki.resolve("csca-brainpool.der")).accepted()).isTrue();
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Verifier verifier(TrustStore store, Instant now) {
        return verifier(store, now, VerificationPolicy.clinicDefault());
    }

    static Verifier verifier(TrustStore store, Instant now, VerificationPolicy policy) {
        return Verifier.builder().trustStore(store).policy(policy).clock(clock(now)).random(new SecureRandom())
                .build();
    }

    /**
     * Evidence as a reader would record it from this card: every file but the EAC-protected DG3, PACE with the CAN
     * (BAC with the MRZ for a passport-like chip), and Chip Authentication confirmed unless the card is a clone.
     */
    static ChipEvidence evidence(CardImage image) {
        boolean clone = image.has(FaultProfile.CLONE);
        return evidence(image, new ChipAuthentication.Ca(java.math.BigInteger.ZERO, CA_PROTOCOL, !clone,
                clone ? "the chip did not answer under the agreed keys" : "confirmed"));
    }

    static ChipEvidence evidence(CardImage image, ChipAuthentication authentication) {
        return evidence(image, authentication, filesOf(image));
    }

    static ChipEvidence evidence(CardImage image, ChipAuthentication authentication, Map<Integer, byte[]> files) {
        SimCitizen citizen = image.citizen();
        boolean passport = image.has(FaultProfile.NO_PACE);
        AccessKey key = passport
                ? new AccessKey.Mrz(citizen.documentNumber(), citizen.mrzDateOfBirth(), citizen.mrzDateOfExpiry())
                : new AccessKey.Can(citizen.can());
        return new ChipEvidence(MARCH_2026, "test", passport ? AccessMethod.BAC : AccessMethod.PACE, key, files,
                authentication, new ReadStats(0, 0, 0, 0, 0, true));
    }

    static Map<Integer, byte[]> filesOf(CardImage image) {
        Map<Integer, byte[]> files = new LinkedHashMap<>();
        image.files().forEach((fid, bytes) -> {
            if (fid != CardImage.EF_DG3) {
                files.put((int) fid, bytes.clone());
            }
        });
        return files;
    }

    /** Evidence with these files, no chip authentication, a CAN that no check can compare. */
    static ChipEvidence bareEvidence(Map<Integer, byte[]> files) {
        return new ChipEvidence(MARCH_2026, "test", AccessMethod.PACE, new AccessKey.Can("000000"), files,
                new ChipAuthentication.None("not attempted"), new ReadStats(0, 0, 0, 0, 0, true));
    }

    /** Active Authentication as the chip performs it: INTERNAL AUTHENTICATE's answer to {@code challenge}. */
    static ChipAuthentication.Aa activeAuthentication(CardImage image, byte[] challenge) {
        PrivateKey key = image.activeAuthenticationKey().getPrivate();
        try {
            if (key instanceof ECPrivateKey) {
                Signature signature = Signature.getInstance("SHA256withPLAIN-ECDSA", BC);
                signature.initSign(key, new SecureRandom());
                signature.update(challenge);
                return new ChipAuthentication.Aa(challenge, signature.sign());
            }
            ISO9796d2Signer signer = new ISO9796d2Signer(new RSAEngine(), new SHA1Digest(), true);
            signer.init(true, PrivateKeyFactory.createKey(key.getEncoded()));
            int keyBytes = (((java.security.interfaces.RSAKey) key).getModulus().bitLength() + 7) / 8;
            byte[] m1 = new byte[keyBytes - 20 - 2];
            new SecureRandom().nextBytes(m1);
            signer.update(m1, 0, m1.length);
            signer.update(challenge, 0, challenge.length);
            return new ChipAuthentication.Aa(challenge, signer.generateSignature());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An EF.SOD over {@code dataGroups}, built here rather than by the simulator so a test can choose the hash
     * algorithm, the eContentType and the signer.
     */
    static byte[] sod(Map<Integer, byte[]> dataGroups, String hashOid, String hashName, String signatureAlgorithm,
            String contentTypeOid, X509Certificate signer, PrivateKey key, Instant signingTime) {
        try {
            DataGroupHash[] hashes = dataGroups.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> new DataGroupHash(e.getKey(), new DEROctetString(digest(hashName, e.getValue()))))
                    .toArray(DataGroupHash[]::new);
            LDSSecurityObject lds = new LDSSecurityObject(
                    new AlgorithmIdentifier(new ASN1ObjectIdentifier(hashOid)), hashes);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                    .setSignedAttributeGenerator(threeAttributes(Date.from(signingTime)))
                    .build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(BC).build(key), signer));
            generator.addCertificate(new JcaX509CertificateHolder(signer));
            byte[] contentInfo = generator.generate(new CMSProcessableByteArray(
                    new ASN1ObjectIdentifier(contentTypeOid), lds.getEncoded(ASN1Encoding.DER)), true)
                    .toASN1Structure().getEncoded(ASN1Encoding.DER);
            return tlv(0x77, contentInfo);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CMSAttributeTableGenerator threeAttributes(Date signingTime) {
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

    static byte[] digest(String name, byte[] data) {
        try {
            return java.security.MessageDigest.getInstance(name).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A BER-TLV with a one-byte tag and a definite length. */
    static byte[] tlv(int tag, byte[] value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** The card's data groups as the SOD signs them (DG3 included, which the chip holds but never serves). */
    static Map<Integer, byte[]> signedDataGroups(CardImage image) {
        Map<Integer, byte[]> groups = new LinkedHashMap<>();
        image.files().forEach((fid, bytes) -> {
            int number = fid & 0xFF;
            if ((fid & 0xFF00) == 0x0100 && number >= 1 && number <= 16) {
                groups.put(number, bytes.clone());
            }
        });
        return groups;
    }
}
