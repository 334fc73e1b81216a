package vn.clinicterm.cardsim.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the test PKI from a seed. Every key and signature draws from its own {@link DeterministicRandom} stream, so
 * the same seed gives the same bytes on every machine, whatever order entries are generated in.
 */
public final class PkiGenerator {

    public static final String CSCA_BRAINPOOL = "csca-brainpool";
    public static final String CSCA_RSA_PSS = "csca-rsapss";
    public static final String CSCA_UNKNOWN = "csca-unknown";
    public static final String DSC_BRAINPOOL = "dsc-brainpool";
    public static final String DSC_RSA_PSS = "dsc-rsapss";
    public static final String DSC_UNKNOWN_CSCA = "dsc-unknown-csca";
    public static final String DSC_EXPIRED = "dsc-expired";
    public static final String DSC_REVOKED = "dsc-revoked";
    public static final List<String> ENTRY_NAMES = List.of(
            CSCA_BRAINPOOL, CSCA_RSA_PSS, CSCA_UNKNOWN, DSC_BRAINPOOL, DSC_RSA_PSS, DSC_UNKNOWN_CSCA, DSC_EXPIRED,
            DSC_REVOKED);

    static final String EC_CSCA_SIGNATURE = "SHA512withECDSA";
    static final String PSS_SIGNATURE = "SHA256withRSAandMGF1";

    private final long seed;

    private PkiGenerator(long seed) {
        this.seed = seed;
    }

    public static PkiMaterial generate(long seed) {
        Bc.ensureRegistered();
        try {
            return new PkiGenerator(seed).generate();
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot generate the test PKI", e);
        }
    }

    private PkiMaterial generate() throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
        Map<String, PkiMaterial.Entry> entries = new LinkedHashMap<>();

        KeyPair cscaKeys = explicitBrainpoolP512(CSCA_BRAINPOOL);
        X509Certificate csca = selfSignedCsca(CSCA_BRAINPOOL, "CN=CSCA Test ClinicTerm Vietnam, O=ClinicTerm Test PKI, C=VN",
                BigInteger.valueOf(0x01), cscaKeys, EC_CSCA_SIGNATURE);
        entries.put(CSCA_BRAINPOOL, new PkiMaterial.Entry(csca, cscaKeys.getPrivate()));

        KeyPair pssKeys = ChipKeys.generateRsa(DeterministicRandom.of(seed, "key|" + CSCA_RSA_PSS), 3072);
        X509Certificate pssCsca = selfSignedCsca(CSCA_RSA_PSS, "CN=CSCA Test ClinicTerm RSA-PSS, O=ClinicTerm Test PKI, C=VN",
                BigInteger.valueOf(0x02), pssKeys, PSS_SIGNATURE);
        entries.put(CSCA_RSA_PSS, new PkiMaterial.Entry(pssCsca, pssKeys.getPrivate()));

        KeyPair unknownKeys = explicitBrainpoolP512(CSCA_UNKNOWN);
        X509Certificate unknownCsca = selfSignedCsca(CSCA_UNKNOWN, "CN=CSCA Test Unknown Issuer, C=VN",
                BigInteger.valueOf(0x03), unknownKeys, EC_CSCA_SIGNATURE);
        entries.put(CSCA_UNKNOWN, new PkiMaterial.Entry(unknownCsca, unknownKeys.getPrivate()));

        entries.put(DSC_BRAINPOOL, dsc(DSC_BRAINPOOL, "CN=DS Test ClinicTerm 01, C=VN", 0x1001, ecP256(DSC_BRAINPOOL),
                entries.get(CSCA_BRAINPOOL), EC_CSCA_SIGNATURE, date(2025, 1, 1), date(2035, 1, 1)));
        entries.put(DSC_RSA_PSS, dsc(DSC_RSA_PSS, "CN=DS Test ClinicTerm RSA-PSS 01, C=VN", 0x1002,
                ChipKeys.generateRsa(DeterministicRandom.of(seed, "key|" + DSC_RSA_PSS), 2048),
                entries.get(CSCA_RSA_PSS), PSS_SIGNATURE, date(2025, 1, 1), date(2035, 1, 1)));
        entries.put(DSC_UNKNOWN_CSCA, dsc(DSC_UNKNOWN_CSCA, "CN=DS Test Unknown Issuer 01, C=VN", 0x1003,
                ecP256(DSC_UNKNOWN_CSCA), entries.get(CSCA_UNKNOWN), EC_CSCA_SIGNATURE, date(2025, 1, 1),
                date(2035, 1, 1)));
        entries.put(DSC_EXPIRED, dsc(DSC_EXPIRED, "CN=DS Test ClinicTerm Expired, C=VN", 0x1004, ecP256(DSC_EXPIRED),
                entries.get(CSCA_BRAINPOOL), EC_CSCA_SIGNATURE, date(2019, 1, 1), date(2021, 1, 1)));
        entries.put(DSC_REVOKED, dsc(DSC_REVOKED, "CN=DS Test ClinicTerm Revoked, C=VN", 0x1005, ecP256(DSC_REVOKED),
                entries.get(CSCA_BRAINPOOL), EC_CSCA_SIGNATURE, date(2025, 1, 1), date(2035, 1, 1)));

        X509CRL crl = crl(entries.get(CSCA_BRAINPOOL), entries.get(DSC_REVOKED).certificate());
        return new PkiMaterial(entries, crl);
    }

    /** brainpoolP512r1 with the curve spelled out, so the SPKI carries ECParameters rather than a named-curve OID. */
    private KeyPair explicitBrainpoolP512(String name) throws GeneralSecurityException {
        ECNamedCurveParameterSpec named = ECNamedCurveTable.getParameterSpec("brainpoolP512r1");
        ECParameterSpec explicit =
                new ECParameterSpec(named.getCurve(), named.getG(), named.getN(), named.getH(), named.getSeed());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
        generator.initialize(explicit, DeterministicRandom.of(seed, "key|" + name));
        return generator.generateKeyPair();
    }

    private KeyPair ecP256(String name) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", Bc.PROVIDER);
        generator.initialize(ECNamedCurveTable.getParameterSpec("brainpoolP256r1"),
                DeterministicRandom.of(seed, "key|" + name));
        return generator.generateKeyPair();
    }

    private X509Certificate selfSignedCsca(String name, String dn, BigInteger serial, KeyPair keys, String algorithm)
            throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
        X500Name subject = x500(dn);
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject, serial, date(2022, 1, 1), date(2037, 1, 1), subject, keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        utils.createSubjectKeyIdentifier(keys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(keys.getPublic()));
        return certificate(builder.build(signer(name, algorithm, keys.getPrivate())));
    }

    private PkiMaterial.Entry dsc(String name, String dn, long serial, KeyPair keys, PkiMaterial.Entry issuer,
            String algorithm, Date notBefore, Date notAfter)
            throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        PublicKey publicKey = keys.getPublic();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer.certificate(), BigInteger.valueOf(serial), notBefore, notAfter, x500(dn), publicKey)
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuer.certificate()))
                .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
        X509Certificate certificate = certificate(builder.build(signer(name, algorithm, issuer.privateKey())));
        return new PkiMaterial.Entry(certificate, keys.getPrivate());
    }

    private X509CRL crl(PkiMaterial.Entry csca, X509Certificate revoked)
            throws GeneralSecurityException, OperatorCreationException, java.io.IOException {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(csca.certificate().getSubjectX500Principal().getEncoded()), date(2026, 1, 1));
        builder.setNextUpdate(date(2027, 6, 1));
        builder.addCRLEntry(revoked.getSerialNumber(), date(2025, 12, 1), CRLReason.keyCompromise);
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(csca.certificate()));
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
        return new JcaX509CRLConverter().setProvider(Bc.PROVIDER)
                .getCRL(builder.build(signer("crl", EC_CSCA_SIGNATURE, csca.privateKey())));
    }

    private ContentSigner signer(String name, String algorithm, PrivateKey key) throws OperatorCreationException {
        return new JcaContentSignerBuilder(algorithm)
                .setProvider(Bc.PROVIDER)
                .setSecureRandom(DeterministicRandom.of(seed, "signature|" + name))
                .build(key);
    }

    private static X509Certificate certificate(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(holder);
    }

    /** Encodes C first and CN last (the usual order), while reading the way people write DNs: CN first. */
    static X500Name x500(String dn) {
        RDN[] rdns = new X500Name(dn).getRDNs();
        RDN[] reversed = new RDN[rdns.length];
        for (int i = 0; i < rdns.length; i++) {
            reversed[i] = rdns[rdns.length - 1 - i];
        }
        return new X500Name(reversed);
    }

    static Date date(int year, int month, int day) {
        return Date.from(LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
