package vn.clinicterm.terminal.checkin;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A facility's signing key for tests: a fresh self-signed certificate in a temporary PKCS#12 file. Synthetic. */
public record TestSigningKeys(Path file, char[] password, String alias, X509Certificate certificate, KeyPair keys) {

    public static TestSigningKeys rsa(Path dir) throws Exception {
        return create(dir, "RSA", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
    }

    public static TestSigningKeys ec(Path dir) throws Exception {
        return create(dir, "EC", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(365)));
    }

    public static TestSigningKeys create(Path dir, String algorithm, Instant notBefore, Instant notAfter)
            throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            g.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            g.initialize(2048);
        }
        KeyPair kp = g.generateKeyPair();
        X500Name name = new X500Name("CN=Phòng khám Đa khoa Thử nghiệm 79001, O=ClinicTerm test, C=VN");
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(System.nanoTime()), Date.from(notBefore), Date.from(notAfter), name, kp.getPublic())
                .build(new JcaContentSignerBuilder(algorithm.equals("EC") ? "SHA256withECDSA" : "SHA256withRSA")
                        .build(kp.getPrivate())));
        char[] password = "mật-khẩu-thử".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("facility", kp.getPrivate(), password, new Certificate[] {cert});
        Path file = dir.resolve("facility-" + algorithm.toLowerCase() + "-" + System.nanoTime() + ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, password);
        }
        return new TestSigningKeys(file, password, "facility", cert, kp);
    }

    /** A file holding the password, for {@code file:PATH} password sources. */
    public Path passwordFile(Path dir) throws Exception {
        return Files.writeString(dir.resolve("signing-" + System.nanoTime() + ".pw"), new String(password) + "\n");
    }
}
