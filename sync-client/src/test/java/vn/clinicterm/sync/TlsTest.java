package vn.clinicterm.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.CertificatePinner;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every TLS failure fails closed: no answer, never ELIGIBLE, and the request does not reach the server. */
class TlsTest {

    static HeldCertificate rootCa;
    static HeldCertificate otherCa;
    static HeldCertificate serverCert;
    static HeldCertificate impostorCert;
    static HeldCertificate clientCert;
    static HeldCertificate backupKey;

    static final EligibilityQuery QUERY = EligibilityQuery.of("001085012345", "Nguyễn Văn An", LocalDate.of(1985, 3, 12));

    MockWebServer server;
    SyncClients clients;

    @BeforeAll
    static void certificates() {
        rootCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("test root").build();
        otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("other root").build();
        serverCert = new HeldCertificate.Builder().signedBy(rootCa).addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("127.0.0.1").build();
        impostorCert = new HeldCertificate.Builder().signedBy(otherCa).addSubjectAlternativeName("localhost")
                .addSubjectAlternativeName("127.0.0.1").build();
        clientCert = new HeldCertificate.Builder().signedBy(rootCa).commonName("terminal-79001").build();
        backupKey = new HeldCertificate.Builder().commonName("backup").build();
    }

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
    }

    @AfterEach
    void stop() {
        if (clients != null) {
            clients.close();
        }
        server.close();
    }

    void serve(HeldCertificate cert, boolean requireClient) throws Exception {
        HandshakeCertificates serverSide = new HandshakeCertificates.Builder().heldCertificate(cert)
                .addTrustedCertificate(rootCa.certificate()).build();
        server.useHttps(serverSide.sslSocketFactory());
        if (requireClient) {
            server.requireClientAuth();
        }
        server.start();
        server.enqueue(new MockResponse.Builder().code(200).body(CentralClientTest.ELIGIBLE).build());
    }

    EligibilityResult check(SyncConfig.Builder b, HeldCertificate presented) {
        HandshakeCertificates.Builder hb = new HandshakeCertificates.Builder().addTrustedCertificate(rootCa.certificate());
        if (presented != null) {
            hb.heldCertificate(presented);
        }
        HandshakeCertificates client = hb.build();
        clients = SyncClients.builder(b.build()).tls(client.sslSocketFactory(), client.trustManager()).build();
        return clients.eligibility().check(QUERY);
    }

    SyncConfig.Builder config() {
        return SyncConfig.builder().baseUrl(server.url("/").toString()).facilityCode("79001")
                .callTimeout(Duration.ofSeconds(3));
    }

    @Test
    void aTrustedServerAnswers() throws Exception {
        serve(serverCert, false);

        assertThat(check(config(), null)).isInstanceOf(EligibilityResult.Eligible.class);
    }

    @Test
    void aServerCertificateFromAnUntrustedCaFailsClosed() throws Exception {
        serve(impostorCert, false);

        EligibilityResult r = check(config(), null);

        assertThat(r).isInstanceOf(EligibilityResult.Pending.class);
        assertThat(((EligibilityResult.Pending) r).reason()).startsWith("TLS");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aMissingClientCertificateFailsClosed() throws Exception {
        serve(serverCert, true);

        EligibilityResult r = check(config(), null);

        assertThat(r).isNotInstanceOf(EligibilityResult.Eligible.class).isInstanceOf(EligibilityResult.Pending.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void aClientCertificateIsPresentedWhenTheServerRequiresOne() throws Exception {
        serve(serverCert, true);

        assertThat(check(config(), clientCert)).isInstanceOf(EligibilityResult.Eligible.class);
        assertThat(server.takeRequest().getHandshake().peerPrincipal().getName()).contains("terminal-79001");
    }

    @Test
    void theBackupPinIsAcceptedWhenThePrimaryKeyWasRotatedOut() throws Exception {
        serve(serverCert, false);
        String primaryWasRotatedOut = CertificatePinner.pin(backupKey.certificate());
        String current = CertificatePinner.pin(serverCert.certificate());

        EligibilityResult r = check(config().certificatePins(primaryWasRotatedOut, current), null);

        assertThat(r).isInstanceOf(EligibilityResult.Eligible.class);
    }

    @Test
    void pinsThatMatchNoCertificateInTheChainFailClosed() throws Exception {
        serve(serverCert, false);
        String wrong1 = CertificatePinner.pin(backupKey.certificate());
        String wrong2 = CertificatePinner.pin(impostorCert.certificate());

        EligibilityResult r = check(config().certificatePins(wrong1, wrong2), null);

        assertThat(r).isInstanceOf(EligibilityResult.Pending.class);
        assertThat(((EligibilityResult.Pending) r).reason()).startsWith("TLS");
        assertThat(server.getRequestCount()).isZero();
    }
}
