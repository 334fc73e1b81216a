package vn.clinicterm.card.verify.internal;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import vn.clinicterm.card.internal.SodParser;

/**
 * Loads and exercises what the first verification would otherwise pay for: BouncyCastle's provider and CMS/X.509
 * classes, the explicit brainpoolP512r1 curve with SHA-512 (Vietnam's CSCA), a brainpoolP256r1 CMS signature with
 * SHA-256 (its document signers), the digests, plain ECDSA (Active Authentication) and the message bundles. Made-up
 * keys only; nothing is kept. Runs once per JVM; never throws.
 */
public final class CryptoWarmup {

    private static final AtomicBoolean DONE = new AtomicBoolean();

    private CryptoWarmup() {}

    public static void run() {
        if (!DONE.compareAndSet(false, true)) {
            return;
        }
        try {
            SecureRandom random = new SecureRandom();
            ECNamedCurveParameterSpec p512 = ECNamedCurveTable.getParameterSpec("brainpoolP512r1");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Crypto.BC);
            generator.initialize(new ECParameterSpec(p512.getCurve(), p512.getG(), p512.getN(), p512.getH(),
                    p512.getSeed()), random);
            KeyPair csca = generator.generateKeyPair();
            X500Name cscaName = new X500Name("CN=Warm-up CSCA");
            Date from = Date.from(Instant.parse("2020-01-01T00:00:00Z"));
            Date to = Date.from(Instant.parse("2040-01-01T00:00:00Z"));
            X509CertificateHolder cscaHolder = new JcaX509v3CertificateBuilder(cscaName, BigInteger.ONE, from, to,
                    cscaName, csca.getPublic())
                    .build(new JcaContentSignerBuilder("SHA512withECDSA").setProvider(Crypto.BC)
                            .build(csca.getPrivate()));

            KeyPairGenerator p256 = KeyPairGenerator.getInstance("EC", Crypto.BC);
            p256.initialize(ECNamedCurveTable.getParameterSpec("brainpoolP256r1"), random);
            KeyPair dsc = p256.generateKeyPair();
            X509CertificateHolder dscHolder = new JcaX509v3CertificateBuilder(cscaName, BigInteger.TWO, from, to,
                    new X500Name("CN=Warm-up DS"), dsc.getPublic())
                    .build(new JcaContentSignerBuilder("SHA512withECDSA").setProvider(Crypto.BC)
                            .build(csca.getPrivate()));
            X509Certificate dscCertificate =
                    new JcaX509CertificateConverter().setProvider(Crypto.BC).getCertificate(dscHolder);
            X509Certificate cscaCertificate =
                    new JcaX509CertificateConverter().setProvider(Crypto.BC).getCertificate(cscaHolder);
            // enough rounds for the JIT to compile BouncyCastle's EC arithmetic, which dominates a verification
            for (int i = 0; i < 12; i++) {
                Crypto.signedBy(dscCertificate, cscaCertificate.getPublicKey());
            }
            Crypto.selfSigned(cscaCertificate);

            CMSSignedDataGenerator cms = new CMSSignedDataGenerator();
            cms.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.BC)
                            .build(dsc.getPrivate()), dscCertificate));
            byte[] encoded = cms.generate(new CMSProcessableByteArray(
                    new ASN1ObjectIdentifier(SodParser.LDS_SECURITY_OBJECT), new byte[] {0x30, 0x00}), true)
                    .getEncoded("DER");
            CMSSignedData parsed = new CMSSignedData(encoded);
            SignerInformation signer = parsed.getSignerInfos().getSigners().iterator().next();
            for (int i = 0; i < 12; i++) {
                signer.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC)
                        .build(dscCertificate.getPublicKey()));
            }
            // loads the LDS parsers (JMRTD) the checks use; the inputs are rejected, which is all it takes
            vn.clinicterm.card.LdsParsers.dg1(new byte[] {0x61, 0x00});
            vn.clinicterm.card.LdsParsers.dg14(new byte[] {0x6E, 0x02, 0x31, 0x00});
            vn.clinicterm.card.LdsParsers.com(new byte[] {0x60, 0x00});
            vn.clinicterm.card.LdsParsers.sod(encoded);

            for (String digest : new String[] {"SHA-1", "SHA-256", "SHA-384", "SHA-512"}) {
                MessageDigest.getInstance(digest, Crypto.BC).digest(new byte[64]);
            }
            Signature plain = Signature.getInstance("SHA256withPLAIN-ECDSA", Crypto.BC);
            plain.initSign(dsc.getPrivate(), random);
            plain.update(new byte[8]);
            byte[] response = plain.sign();
            plain.initVerify(dsc.getPublic());
            plain.update(new byte[8]);
            plain.verify(response);
            Messages.format(Locale.ENGLISH, "simple.headline.passed");
            Messages.format(Locale.ROOT, "simple.headline.passed");
            FullWarmup.run();
        } catch (Exception | LinkageError e) {
            // a warm-up that fails costs only the first card its speed; the verification reports real problems
            System.getLogger(CryptoWarmup.class.getName()).log(System.Logger.Level.DEBUG,
                    "crypto warm-up failed: {0}", e.getClass().getName());
        }
    }
}
