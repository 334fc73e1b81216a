package vn.clinicterm.card.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** Trust material for the store's tests: the real ICAO master list (missing = failure) and certificates made here. */
final class TrustFixtures {

    static final Instant JANUARY_2026 = Instant.parse("2026-01-15T00:00:00Z");
    static final Instant MARCH_2026 = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant JULY_2027 = Instant.parse("2027-07-01T00:00:00Z");

    static final Provider BC = new BouncyCastleProvider();
    static final ASN1ObjectIdentifier CSCA_MASTER_LIST = new ASN1ObjectIdentifier("2.23.136.1.1.2");
    static final ASN1ObjectIdentifier ID_DATA = new ASN1ObjectIdentifier("1.2.840.113549.1.7.1");

    private TrustFixtures() {}

    static Clock clock(Instant at) {
        return Clock.fixed(at, ZoneOffset.UTC);
    }

    static Path sharedDir() {
        return Path.of(System.getProperty("clinicterm.shared.dir", "../../shared"));
    }

    static Path realMasterList() {
        Path file = sharedDir().resolve("trust").resolve("icao-masterlist.ml");
        assertThat(file).as("the real ICAO master list (set -Dclinicterm.shared.dir)").isRegularFile();
        return file;
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] flipBit(byte[] original, int byteIndex, int bit) {
        byte[] copy = original.clone();
        copy[byteIndex] ^= (byte) (1 << bit);
        return copy;
    }

    /** Every file under {@code dir} with its bytes, for "nothing changed" assertions. */
    static Map<String, String> snapshot(Path dir) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static String pem(X509Certificate... certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    static KeyPair ecKeys(String curve, long seed) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            generator.initialize(new ECGenParameterSpec(curve), random);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A certificate for {@code subjectKeys} under {@code issuer}: a link certificate when {@code ca} (new CSCA key
     * certified by an existing CSCA), otherwise an end-entity certificate (a master list signer, say).
     */
    static X509Certificate issue(X509Certificate issuer, PrivateKey issuerKey, String subject, KeyPair subjectKeys,
            long serial, boolean ca) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            var builder = new JcaX509v3CertificateBuilder(issuer.getSubjectX500Principal(), BigInteger.valueOf(serial),
                    Date.from(Instant.parse("2024-01-01T00:00:00Z")), Date.from(Instant.parse("2034-01-01T00:00:00Z")),
                    new javax.security.auth.x500.X500Principal(subject), subjectKeys.getPublic())
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(issuer))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            if (ca) {
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            }
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA512withECDSA").setProvider(BC).build(issuerKey));
            return new JcaX509CertificateConverter().setProvider(BC).getCertificate(holder);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CMS SignedData "master list" of {@code listed}, signed by {@code signer}, with the given content type. */
    static byte[] masterList(ASN1ObjectIdentifier contentType, X509Certificate signer, PrivateKey signerKey,
            X509Certificate... listed) {
        try {
            ASN1EncodableVector certs = new ASN1EncodableVector();
            for (X509Certificate c : listed) {
                certs.add(org.bouncycastle.asn1.x509.Certificate.getInstance(c.getEncoded()));
            }
            byte[] content = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
                    new ASN1Integer(0), new DERSet(certs)}).getEncoded();
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(signerKey), signer));
            generator.addCertificates(new JcaCertStore(java.util.List.of(signer)));
            return generator.generate(new CMSProcessableByteArray(contentType, content), true).getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static X500Name name(X509Certificate c) {
        return X500Name.getInstance(c.getSubjectX500Principal().getEncoded());
    }
}
