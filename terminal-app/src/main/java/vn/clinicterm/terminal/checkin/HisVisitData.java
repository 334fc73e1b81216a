package vn.clinicterm.terminal.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the hospital system supplies for a visit (through {@code POST /v1/visits/{id}/his}): its visit code
 * ({@code MA_LK}), patient code ({@code MA_BN}) and the first billed item — a service, a drug or a supply — with the
 * time it was ordered ({@code NGAY_YL}). Optional {@code maLoaiKcb} and {@code maDoiTuongKcb} override the terminal's
 * defaults.
 */
public record HisVisitData(String maLk, String maBn, Optional<String> maDichVu, Optional<String> tenDichVu,
        Optional<String> maThuoc, Optional<String> tenThuoc, Optional<String> maVatTu, Optional<String> tenVatTu,
        LocalDateTime ngayYl, Optional<String> maLoaiKcb, Optional<String> maDoiTuongKcb) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("maLk", "maBn", "maDichVu", "tenDichVu", "maThuoc", "tenThuoc",
            "maVatTu", "tenVatTu", "ngayYl", "maLoaiKcb", "maDoiTuongKcb");

    public HisVisitData {
        Objects.requireNonNull(maLk, "maLk");
        Objects.requireNonNull(maBn, "maBn");
        Objects.requireNonNull(ngayYl, "ngayYl");
    }

    /**
     * Reads the JSON the hospital system sent. Unknown members, wrong types and missing mandatory members are an
     * {@link IllegalArgumentException} naming the member (its value is never echoed).
     */
    public static HisVisitData fromJson(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the body is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("unknown member " + (k.length() > 40 ? k.substring(0, 40) : k));
            }
            if (!n.get(k).isTextual()) {
                throw new IllegalArgumentException(k + " must be a string");
            }
        }
        String ngayYl = required(n, "ngayYl");
        LocalDateTime ordered;
        try {
            ordered = LocalDateTime.parse(ngayYl);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ngayYl must be a local date-time like 2026-11-28T09:05");
        }
        return new HisVisitData(required(n, "maLk"), required(n, "maBn"), optional(n, "maDichVu"),
                optional(n, "tenDichVu"), optional(n, "maThuoc"), optional(n, "tenThuoc"), optional(n, "maVatTu"),
                optional(n, "tenVatTu"), ordered, optional(n, "maLoaiKcb"), optional(n, "maDoiTuongKcb"));
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode().put("maLk", maLk).put("maBn", maBn);
        maDichVu.ifPresent(v -> n.put("maDichVu", v));
        tenDichVu.ifPresent(v -> n.put("tenDichVu", v));
        maThuoc.ifPresent(v -> n.put("maThuoc", v));
        tenThuoc.ifPresent(v -> n.put("tenThuoc", v));
        maVatTu.ifPresent(v -> n.put("maVatTu", v));
        tenVatTu.ifPresent(v -> n.put("tenVatTu", v));
        n.put("ngayYl", ngayYl.toString());
        maLoaiKcb.ifPresent(v -> n.put("maLoaiKcb", v));
        maDoiTuongKcb.ifPresent(v -> n.put("maDoiTuongKcb", v));
        return n.toString();
    }

    private static String required(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || v.asText().isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return v.asText();
    }

    private static Optional<String> optional(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.asText().isEmpty() ? Optional.empty() : Optional.of(v.asText());
    }

    @Override
    public String toString() {
        return "HisVisitData[" + maLk + "]";
    }
}
