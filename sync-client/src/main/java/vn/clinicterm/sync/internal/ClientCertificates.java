package vn.clinicterm.sync.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import vn.clinicterm.sync.SyncConfigException;

/** Loads the terminal's client certificate (PKCS#12 or PEM) and an optional private CA bundle. */
public final class ClientCertificates {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private ClientCertificates() {}

    /** Key managers presenting the certificate in {@code file}; the key of the error is {@code sync.clientCert}. */
    public static KeyManager[] keyManagers(Path file, char[] password) {
        try {
            KeyStore ks;
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            char[] pw = password == null ? new char[0] : password;
            if (name.endsWith(".p12") || name.endsWith(".pfx")) {
                ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    ks.load(in, pw);
                }
            } else {
                ks = fromPem(Files.readString(file, StandardCharsets.US_ASCII), pw);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            return kmf.getKeyManagers();
        } catch (IOException e) {
            throw new SyncConfigException("sync.clientCert", "cannot read the file or wrong password");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SyncConfigException("sync.clientCert", "not a usable certificate and key: "
                    + e.getClass().getSimpleName());
        }
    }

    /** A key store holding the PEM's certificate chain and its unencrypted PKCS#8 private key. */
    public static KeyStore fromPem(String pem, char[] password) throws GeneralSecurityException, IOException {
        List<Certificate> chain = new ArrayList<>();
        PrivateKey key = null;
        Matcher m = PEM.matcher(pem);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        while (m.find()) {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            switch (m.group(1)) {
                case "CERTIFICATE" -> chain.add(cf.generateCertificate(new ByteArrayInputStream(der)));
                case "PRIVATE KEY" -> key = privateKey(der);
                default -> throw new GeneralSecurityException("unsupported PEM block " + m.group(1));
            }
        }
        if (key == null || chain.isEmpty()) {
            throw new GeneralSecurityException("PEM needs a CERTIFICATE and an unencrypted PRIVATE KEY");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
        return ks;
    }

    private static PrivateKey privateKey(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** A trust manager trusting exactly the CA certificates in a PEM bundle. */
    public static X509TrustManager trustManager(Path pemBundle) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            try (InputStream in = Files.newInputStream(pemBundle)) {
                for (Certificate c : cf.generateCertificates(in)) {
                    ks.setCertificateEntry("ca" + i++, c);
                }
            }
            if (i == 0) {
                throw new SyncConfigException("sync.trustedCerts", "no certificates in the file");
            }
            return trustManager(ks);
        } catch (IOException e) {
            throw new SyncConfigException("sync.trustedCerts", "cannot read the file");
        } catch (GeneralSecurityException e) {
            throw new SyncConfigException("sync.trustedCerts", "not a PEM certificate bundle");
        }
    }

    /** The platform's default trust manager (the system CAs), or the one for {@code ks}. */
    public static X509TrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509TrustManager");
    }

    static boolean isCertificate(Certificate c) {
        return c instanceof X509Certificate;
    }
}
