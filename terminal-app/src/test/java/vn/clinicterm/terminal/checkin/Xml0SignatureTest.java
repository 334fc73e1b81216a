package vn.clinicterm.terminal.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.xml.crypto.dsig.XMLSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import vn.clinicterm.centralsim.CentralSim;
import vn.clinicterm.centralsim.SimCheckInReceiver;
import vn.clinicterm.sync.SyncConfigException;
import vn.clinicterm.sync.Xml0Format;
import vn.clinicterm.terminal.storage.CheckInStatus;
import vn.clinicterm.terminal.storage.VisitLog;

/** Issue 9: the facility's XML-DSig signature in CHUKYDONVI, made by the terminal and checked by central-sim. */
class Xml0SignatureTest {

    static final Map<String, String> FORM = Map.of("maCSKCB", "79001");

    @TempDir
    Path dir;

    /** The valid check-in record Issue9Test's field-rule tests start from (the same synthetic patient). */
    static Map<String, String> fields() {
        return vn.clinicterm.terminal.handoff.Issue9Test.validFields();
    }

    static byte[] unsigned() {
        return Xml0Format.serialize(Xml0Format.toDocument(fields()));
    }

    Xml0Signer signer(TestSigningKeys k) {
        return Xml0Signer.fromPkcs12(k.file(), k.password(), Optional.empty(), Clock.systemUTC());
    }

    static Map<String, Object> receive(SimCheckInReceiver r, byte[] xml) {
        return r.receive(3176, FORM, xml);
    }

    @Test
    void anRsaSignedRecordIsAcceptedAndTheGatewaySeesItSigned() throws Exception {
        byte[] signed = signer(TestSigningKeys.rsa(dir)).sign(unsigned());
        SimCheckInReceiver gateway = SimCheckInReceiver.builder().requireSignature().build();

        assertThat(receive(gateway, signed)).containsEntry("maKetQua", "200").containsKey("maGiaoDich");
        assertThat(gateway.accepted()).singleElement().satisfies(a -> {
            assertThat(a.signed()).isTrue();
            assertThat(a.fields()).isEqualTo(fields());
        });
    }

    @Test
    void anEcdsaSignedRecordIsAccepted() throws Exception {
        Xml0Signer s = signer(TestSigningKeys.ec(dir));
        assertThat(s.algorithmName()).isEqualTo("ECDSA-SHA256");
        SimCheckInReceiver gateway = SimCheckInReceiver.builder().requireSignature().build();

        assertThat(receive(gateway, s.sign(unsigned()))).containsEntry("maKetQua", "200");
        assertThat(gateway.accepted().getFirst().signed()).isTrue();
    }

    @Test
    void theSignatureIsEnvelopedInChukydonviAfterTheListAndCoversTheWholeDocumentWithSha256() throws Exception {
        TestSigningKeys k = TestSigningKeys.rsa(dir);
        byte[] signed = signer(k).sign(unsigned());

        Document doc = Xml0Format.newBuilder().parse(new ByteArrayInputStream(signed));
        Element root = doc.getDocumentElement();
        List<String> children = new java.util.ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e.getTagName());
            }
        }
        assertThat(children).containsExactly(Xml0Format.LIST, Xml0Format.SIGNATURE);
        Element sig = (Element) doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
        assertThat(((Element) sig.getParentNode()).getTagName()).isEqualTo(Xml0Format.SIGNATURE);
        Element ref = (Element) sig.getElementsByTagNameNS(XMLSignature.XMLNS, "Reference").item(0);
        assertThat(ref.getAttribute("URI")).isEmpty();
        assertThat(ref.hasAttribute("URI")).isTrue();
        assertThat(attr(sig, "DigestMethod")).isEqualTo("http://www.w3.org/2001/04/xmlenc#sha256");
        assertThat(attr(sig, "SignatureMethod")).isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        assertThat(attr(sig, "Transform")).isEqualTo("http://www.w3.org/2000/09/xmldsig#enveloped-signature");
        assertThat(sig.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Certificate").getLength()).isEqualTo(1);
        assertThat(Xml0Format.parse(signed).fields()).isEqualTo(fields());
        assertThat(Xml0Format.parse(signed).signed()).isTrue();
    }

    private static String attr(Element sig, String element) {
        return ((Element) sig.getElementsByTagNameNS(XMLSignature.XMLNS, element).item(0)).getAttribute("Algorithm");
    }

    @Test
    void changingOneFieldAfterSigningIsRefusedNamingTheSignature() throws Exception {
        byte[] signed = signer(TestSigningKeys.rsa(dir)).sign(unsigned());
        String text = new String(signed, StandardCharsets.UTF_8);
        assertThat(text).contains("<MA_DICH_VU>02.1896</MA_DICH_VU>");
        byte[] tampered = text.replace("<MA_DICH_VU>02.1896</MA_DICH_VU>", "<MA_DICH_VU>02.1897</MA_DICH_VU>")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(Xml0Format.parse(tampered).violations()).as("still a valid record, field by field").isEmpty();
        SimCheckInReceiver gateway = new SimCheckInReceiver(Clock.systemUTC());

        Map<String, Object> answer = receive(gateway, tampered);

        assertThat(answer).containsEntry("maKetQua", "400");
        assertThat(String.valueOf(answer.get("thongBao"))).contains("CHUKYDONVI")
                .contains("changed after it was signed");
        assertThat(gateway.accepted()).isEmpty();
        assertThat(receive(gateway, signed)).as("the untouched record still passes").containsEntry("maKetQua", "200");
    }

    @Test
    void aSignatureByAnotherCertificateThanTheRegisteredOneIsRefused() throws Exception {
        TestSigningKeys registered = TestSigningKeys.rsa(dir);
        TestSigningKeys other = TestSigningKeys.rsa(dir);
        SimCheckInReceiver gateway = SimCheckInReceiver.builder().trustedSigner(registered.certificate()).build();

        assertThat(receive(gateway, signer(other).sign(unsigned()))).containsEntry("maKetQua", "400");
        assertThat(gateway.refusals()).singleElement().asString().contains("not registered");
        assertThat(receive(gateway, signer(registered).sign(unsigned()))).containsEntry("maKetQua", "200");
    }

    @Test
    void anUnsignedRecordIsAcceptedUnlessTheGatewayRequiresASignature() {
        SimCheckInReceiver lenient = new SimCheckInReceiver(Clock.systemUTC());
        SimCheckInReceiver strict = SimCheckInReceiver.builder().requireSignature().build();

        assertThat(receive(lenient, unsigned())).containsEntry("maKetQua", "200");
        assertThat(lenient.accepted().getFirst().signed()).isFalse();
        Map<String, Object> refused = receive(strict, unsigned());
        assertThat(refused).containsEntry("maKetQua", "400");
        assertThat(String.valueOf(refused.get("thongBao"))).contains("CHUKYDONVI").contains("mandatory");
        assertThat(strict.accepted()).isEmpty();
    }

    @Test
    void aCertificateThatExpiredCannotSignAndIsRefusedWhenItExpiredBeforeArrival() throws Exception {
        TestSigningKeys expired = TestSigningKeys.create(dir, "RSA", Instant.now().minus(Duration.ofDays(400)),
                Instant.now().minus(Duration.ofDays(1)));
        assertThatThrownBy(() -> signer(expired).sign(unsigned())).isInstanceOf(Xml0Signer.SigningException.class)
                .hasMessageContaining("expired");

        TestSigningKeys k = TestSigningKeys.rsa(dir);
        byte[] signed = signer(k).sign(unsigned());
        Clock nextYear = Clock.fixed(Instant.now().plus(Duration.ofDays(400)), ZoneOffset.UTC);
        SimCheckInReceiver later = SimCheckInReceiver.builder().clock(nextYear).build();
        assertThat(receive(later, signed)).containsEntry("maKetQua", "400");
        assertThat(later.refusals()).singleElement().asString().contains("expired");
    }

    @Test
    void aWrongPasswordOrAnUnknownAliasIsASigningErrorThatNeverShowsThePassword() throws Exception {
        TestSigningKeys k = TestSigningKeys.rsa(dir);
        assertThatThrownBy(() -> Xml0Signer.fromPkcs12(k.file(), "sai-mật-khẩu".toCharArray(), Optional.empty(),
                Clock.systemUTC())).isInstanceOf(Xml0Signer.SigningException.class)
                .hasMessageContaining("wrong password").hasMessageNotContaining("sai-mật-khẩu");
        assertThatThrownBy(() -> Xml0Signer.fromPkcs12(k.file(), k.password(), Optional.of("khac"),
                Clock.systemUTC())).hasMessageContaining("no private key named khac");
        assertThat(Xml0Signer.fromPkcs12(k.file(), k.password(), Optional.of("facility"), Clock.systemUTC())
                .certificate()).isEqualTo(k.certificate());
    }

    @Test
    void signingSettingsReadThePasswordFromAFileOrTheEnvironmentNeverFromTheConfiguration() throws Exception {
        TestSigningKeys k = TestSigningKeys.rsa(dir);
        Properties p = new Properties();
        p.setProperty(SigningSettings.KEY_STORE, k.file().toString());
        assertThatThrownBy(() -> SigningSettings.fromProperties(p)).isInstanceOf(SyncConfigException.class)
                .hasMessageContaining(SigningSettings.PASSWORD);
        p.setProperty(SigningSettings.PASSWORD, "mật-khẩu-thử");
        assertThatThrownBy(() -> SigningSettings.fromProperties(p)).isInstanceOf(SyncConfigException.class)
                .hasMessageContaining("file:PATH or env:NAME").hasMessageNotContaining("mật-khẩu-thử");

        p.setProperty(SigningSettings.PASSWORD, "file:" + k.passwordFile(dir));
        assertThat(SigningSettings.fromProperties(p).orElseThrow().open(Map.of(), Clock.systemUTC()).certificate())
                .isEqualTo(k.certificate());
        p.setProperty(SigningSettings.PASSWORD, "env:CLINICTERM_TEST_SIGNING_PW");
        SigningSettings fromEnv = SigningSettings.fromProperties(p).orElseThrow();
        assertThat(fromEnv.open(Map.of("CLINICTERM_TEST_SIGNING_PW", new String(k.password())), Clock.systemUTC())
                .certificate()).isEqualTo(k.certificate());
        assertThatThrownBy(() -> fromEnv.open(Map.of(), Clock.systemUTC()))
                .hasMessageContaining("CLINICTERM_TEST_SIGNING_PW is not set");
        assertThat(SigningSettings.fromProperties(new Properties())).isEmpty();
    }

    @Test
    void theSenderSignsTheRecordAndCentralSimRequiringSignaturesAcceptsItOverHttp() throws Exception {
        TestSigningKeys k = TestSigningKeys.ec(dir);
        SimCheckInReceiver receiver = SimCheckInReceiver.builder().requireSignature()
                .trustedSigner(k.certificate()).build();
        try (VisitLog log = CheckInFixture.open(dir, Clock.systemUTC());
                CentralSim sim = CentralSim.builder().port(0).checkInReceiver(receiver).start()) {
            long id = CheckInFixture.visit(log, 1, "LK-SIGNED-1");
            CheckInSettings settings = CheckInSettings.of(URI.create(sim.baseUrl()), "79", "79001",
                    CentralSim.DEFAULT_PASSWORD).withSigner(signer(k));
            try (GatewayCheckIn gateway = GatewayCheckIn.plain(settings)) {
                CheckInSender.Result r = new CheckInSender(log, settings, gateway).send(id, "le.tan");

                assertThat(r).isInstanceOf(CheckInSender.Result.Accepted.class);
            }
            assertThat(receiver.accepted()).singleElement().satisfies(a -> assertThat(a.signed()).isTrue());
            assertThat(log.checkInStatus(id).orElseThrow().state()).isEqualTo(CheckInStatus.State.SENT);
        }
    }
}
