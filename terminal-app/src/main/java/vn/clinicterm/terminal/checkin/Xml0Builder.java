package vn.clinicterm.terminal.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.clinicterm.sync.Xml0Format;
import vn.clinicterm.terminal.storage.VisitRecord;

/**
 * Builds the XML0 record of a visit from what the card said (name, ID number, date of birth, gender), what the insurer
 * said (card number, registered facility, validity — from the eligibility answer stored with the visit), what the
 * hospital system supplied ({@link HisVisitData}) and the facility's settings; then applies {@link Xml0Format}'s
 * rules. Dates are written in the facility's zone. Pure: no I/O.
 */
public final class Xml0Builder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Xml0Builder() {}

    public static Xml0Record build(VisitRecord visit, Optional<String> eligibilityDetails, HisVisitData his,
            CheckInSettings settings, ZoneId zone) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("MA_LK", his.maLk());
        f.put("STT", "1");
        f.put("MA_BN", his.maBn());
        f.put("HO_TEN", visit.fullName());
        f.put("SO_CCCD", visit.idNumber());
        f.put("NGAY_SINH", visit.dateOfBirth().map(d -> d.atStartOfDay().format(Xml0Format.DATE_TIME)).orElse(""));
        f.put("GIOI_TINH", gender(visit.gender()));
        eligibilityDetails.map(Xml0Builder::card).ifPresent(card -> {
            f.put("MA_THE_BHYT", card.number());
            f.put("MA_DKBD", card.registeredFacility());
            f.put("GT_THE_TU", card.validFrom());
            f.put("GT_THE_DEN", card.validTo());
        });
        f.put("MA_DOITUONG_KCB", his.maDoiTuongKcb().orElse(settings.defaultMaDoiTuongKcb()));
        f.put("NGAY_VAO", visit.time().atZone(zone).toLocalDateTime().format(Xml0Format.DATE_TIME));
        f.put("MA_LOAI_KCB", his.maLoaiKcb().orElse(settings.defaultMaLoaiKcb()));
        f.put("MA_CSKCB", settings.maCskcb());
        his.maDichVu().ifPresent(v -> f.put("MA_DICH_VU", v));
        his.tenDichVu().ifPresent(v -> f.put("TEN_DICH_VU", v));
        his.maThuoc().ifPresent(v -> f.put("MA_THUOC", v));
        his.tenThuoc().ifPresent(v -> f.put("TEN_THUOC", v));
        his.maVatTu().ifPresent(v -> f.put("MA_VAT_TU", v));
        his.tenVatTu().ifPresent(v -> f.put("TEN_VAT_TU", v));
        f.put("NGAY_YL", his.ngayYl().format(Xml0Format.DATE_TIME));
        f.values().removeIf(String::isEmpty);
        return new Xml0Record(visit.visitId(), f, Xml0Format.check(f));
    }

    /** {@code GIOI_TINH}: 1 male, 2 female, 3 not known (the card says "Nam"/"Nữ"). */
    static String gender(String card) {
        String g = card == null ? "" : card.strip().toLowerCase(Locale.ROOT);
        return switch (g) {
            case "nam", "male", "m" -> "1";
            case "nữ", "nu", "female", "f" -> "2";
            default -> "3";
        };
    }

    record Card(String number, String registeredFacility, String validFrom, String validTo) {}

    /** The card terms of an ELIGIBLE answer, as stored by the sync listener; null for any other answer. */
    static Card card(String details) {
        try {
            JsonNode n = JSON.readTree(details);
            if (n == null || !n.hasNonNull("cardNumber")) {
                return null;
            }
            return new Card(n.path("cardNumber").asText(), n.path("registeredFacility").asText(),
                    LocalDate.parse(n.path("validFrom").asText()).format(Xml0Format.DATE),
                    LocalDate.parse(n.path("validTo").asText()).format(Xml0Format.DATE));
        } catch (java.io.IOException | java.time.DateTimeException e) {
            return null;
        }
    }
}
