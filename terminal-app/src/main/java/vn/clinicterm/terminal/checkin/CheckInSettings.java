package vn.clinicterm.terminal.checkin;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How this facility sends check-in records: the gateway's base URL and account (user {@code <facility>_BV}, the
 * password whose MD5 the gateway knows), the province ({@code maTinh}) and facility ({@code maCSKCB}) codes, the
 * decision version in the path ({@code checkInKcbQd3176}; 4750 for gateways still on the previous decision), the
 * defaults for {@code MA_LOAI_KCB} (01: outpatient) and {@code MA_DOITUONG_KCB} (1.1: registered primary care), and
 * the signer that puts the facility's XML-DSig signature in {@code CHUKYDONVI} (empty: records are sent unsigned).
 */
public record CheckInSettings(URI gatewayUrl, String username, String password, String maTinh, String maCskcb,
        int decision, String defaultMaLoaiKcb, String defaultMaDoiTuongKcb, Duration callTimeout,
        Optional<Xml0Signer> signer) {

    public static final int DECISION_3176 = 3176;
    public static final int DECISION_4750 = 4750;

    public CheckInSettings {
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(maTinh, "maTinh");
        Objects.requireNonNull(maCskcb, "maCskcb");
        Objects.requireNonNull(defaultMaLoaiKcb, "defaultMaLoaiKcb");
        Objects.requireNonNull(defaultMaDoiTuongKcb, "defaultMaDoiTuongKcb");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(signer, "signer");
        if (decision != DECISION_3176 && decision != DECISION_4750) {
            throw new IllegalArgumentException("the check-in decision version is 3176 or 4750");
        }
    }

    /** Unsigned settings. */
    public CheckInSettings(URI gatewayUrl, String username, String password, String maTinh, String maCskcb,
            int decision, String defaultMaLoaiKcb, String defaultMaDoiTuongKcb, Duration callTimeout) {
        this(gatewayUrl, username, password, maTinh, maCskcb, decision, defaultMaLoaiKcb, defaultMaDoiTuongKcb,
                callTimeout, Optional.empty());
    }

    /** Settings for facility {@code maCskcb} in province {@code maTinh}: QĐ 3176, unsigned, the usual defaults. */
    public static CheckInSettings of(URI gatewayUrl, String maTinh, String maCskcb, String password) {
        return new CheckInSettings(gatewayUrl, maCskcb + "_BV", password, maTinh, maCskcb, DECISION_3176, "01", "1.1",
                Duration.ofSeconds(20));
    }

    public CheckInSettings withDecision(int v) {
        return new CheckInSettings(gatewayUrl, username, password, maTinh, maCskcb, v, defaultMaLoaiKcb,
                defaultMaDoiTuongKcb, callTimeout, signer);
    }

    /** The same settings, signing every record with {@code s}. */
    public CheckInSettings withSigner(Xml0Signer s) {
        return new CheckInSettings(gatewayUrl, username, password, maTinh, maCskcb, decision, defaultMaLoaiKcb,
                defaultMaDoiTuongKcb, callTimeout, Optional.of(s));
    }

    public CheckInSettings withCallTimeout(Duration d) {
        return new CheckInSettings(gatewayUrl, username, password, maTinh, maCskcb, decision, defaultMaLoaiKcb,
                defaultMaDoiTuongKcb, d, signer);
    }

    /** The document to send for {@code record}: signed when a signer is configured, else as built. */
    public byte[] document(Xml0Record record) {
        byte[] xml = record.xml();
        return signer.map(s -> s.sign(xml)).orElse(xml);
    }

    @Override
    public String toString() {
        return "CheckInSettings[" + gatewayUrl + ", " + username + ", QĐ " + decision + ", "
                + signer.map(s -> "signed " + s.algorithmName()).orElse("unsigned") + ", password hidden]";
    }
}
