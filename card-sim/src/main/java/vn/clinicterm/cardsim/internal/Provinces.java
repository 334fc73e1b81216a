package vn.clinicterm.cardsim.internal;

import java.util.List;

/**
 * Provinces the synthetic citizens come from, with their real 3-digit CCCD codes and a few real communes and streets
 * (the administrative map before the 2025 merger, which is what cards issued 2021–2025 print). The CMND prefix is
 * only a plausible 2-digit start for the old 9-digit number.
 */
public final class Provinces {

    /** A commune with its district, as printed in a place of origin. */
    public record Locality(String commune, String district) {}

    /** A street with its ward and district, for a residence. */
    public record Street(String street, String ward, String district) {}

    public record Province(
            String code, String name, String cmndPrefix, List<Locality> localities, List<Street> streets) {}

    private Provinces() {}

    public static final Province HA_NOI = new Province("001", "Hà Nội", "01",
            List.of(new Locality("Xã Tân Lập", "Huyện Đan Phượng"), new Locality("Xã Vân Canh", "Huyện Hoài Đức"),
                    new Locality("Xã Bát Tràng", "Huyện Gia Lâm")),
            List.of(new Street("Phố Huế", "Phường Phố Huế", "Quận Hai Bà Trưng"),
                    new Street("Đường Láng", "Phường Láng Thượng", "Quận Đống Đa"),
                    new Street("Phố Xuân Thuỷ", "Phường Dịch Vọng Hậu", "Quận Cầu Giấy")));

    public static final Province HO_CHI_MINH = new Province("079", "Thành phố Hồ Chí Minh", "02",
            List.of(new Locality("Xã Tân Thạnh Đông", "Huyện Củ Chi"), new Locality("Xã Bình Hưng", "Huyện Bình Chánh")),
            List.of(new Street("Đường Nguyễn Trãi", "Phường Bến Thành", "Quận 1"),
                    new Street("Đường Lê Văn Sỹ", "Phường 13", "Quận 3"),
                    new Street("Đường Phan Đăng Lưu", "Phường 5", "Quận Phú Nhuận")));

    public static final List<Province> ALL = List.of(
            HA_NOI,
            HO_CHI_MINH,
            new Province("031", "Hải Phòng", "03",
                    List.of(new Locality("Xã An Đồng", "Huyện An Dương"), new Locality("Xã Tân Trào", "Huyện Kiến Thuỵ")),
                    List.of(new Street("Đường Lạch Tray", "Phường Lạch Tray", "Quận Ngô Quyền"),
                            new Street("Phố Điện Biên Phủ", "Phường Minh Khai", "Quận Hồng Bàng"))),
            new Province("048", "Đà Nẵng", "20",
                    List.of(new Locality("Xã Hoà Phong", "Huyện Hoà Vang"), new Locality("Xã Hoà Ninh", "Huyện Hoà Vang")),
                    List.of(new Street("Đường Nguyễn Văn Linh", "Phường Nam Dương", "Quận Hải Châu"),
                            new Street("Đường Ngô Quyền", "Phường An Hải Bắc", "Quận Sơn Trà"))),
            new Province("092", "Cần Thơ", "36",
                    List.of(new Locality("Xã Trường Long", "Huyện Phong Điền"), new Locality("Xã Thới Hưng", "Huyện Cờ Đỏ")),
                    List.of(new Street("Đường 30 Tháng 4", "Phường Xuân Khánh", "Quận Ninh Kiều"))),
            new Province("038", "Thanh Hoá", "17",
                    List.of(new Locality("Xã Hoằng Lộc", "Huyện Hoằng Hoá"), new Locality("Xã Quảng Tâm", "Thành phố Thanh Hoá")),
                    List.of(new Street("Đường Lê Lợi", "Phường Lam Sơn", "Thành phố Thanh Hoá"))),
            new Province("040", "Nghệ An", "18",
                    List.of(new Locality("Xã Kim Liên", "Huyện Nam Đàn"), new Locality("Xã Nghi Phong", "Huyện Nghi Lộc")),
                    List.of(new Street("Đường Quang Trung", "Phường Quang Trung", "Thành phố Vinh"))),
            new Province("046", "Thừa Thiên Huế", "19",
                    List.of(new Locality("Xã Phú Mậu", "Huyện Phú Vang"), new Locality("Xã Hương Toàn", "Thị xã Hương Trà")),
                    List.of(new Street("Đường Lê Lợi", "Phường Vĩnh Ninh", "Thành phố Huế"))),
            new Province("075", "Đồng Nai", "27",
                    List.of(new Locality("Xã Hiệp Phước", "Huyện Nhơn Trạch"), new Locality("Xã Bàu Hàm", "Huyện Trảng Bom")),
                    List.of(new Street("Đường Phạm Văn Thuận", "Phường Tân Tiến", "Thành phố Biên Hoà"))),
            new Province("074", "Bình Dương", "28",
                    List.of(new Locality("Xã Thanh Tuyền", "Huyện Dầu Tiếng"), new Locality("Xã Bạch Đằng", "Thị xã Tân Uyên")),
                    List.of(new Street("Đường Yersin", "Phường Phú Cường", "Thành phố Thủ Dầu Một"))),
            new Province("036", "Nam Định", "16",
                    List.of(new Locality("Xã Giao Thiện", "Huyện Giao Thuỷ"), new Locality("Xã Hải Minh", "Huyện Hải Hậu")),
                    List.of(new Street("Đường Trần Hưng Đạo", "Phường Bà Triệu", "Thành phố Nam Định"))),
            new Province("034", "Thái Bình", "15",
                    List.of(new Locality("Xã Vũ Thắng", "Huyện Kiến Xương"), new Locality("Xã Đông Hoàng", "Huyện Đông Hưng")),
                    List.of(new Street("Đường Lý Bôn", "Phường Đề Thám", "Thành phố Thái Bình"))),
            new Province("022", "Quảng Ninh", "10",
                    List.of(new Locality("Xã Quảng Nghĩa", "Thành phố Móng Cái"), new Locality("Xã Hạ Long", "Huyện Vân Đồn")),
                    List.of(new Street("Đường Trần Hưng Đạo", "Phường Trần Hưng Đạo", "Thành phố Hạ Long"))),
            new Province("056", "Khánh Hoà", "22",
                    List.of(new Locality("Xã Vĩnh Lương", "Thành phố Nha Trang"), new Locality("Xã Ninh Ích", "Thị xã Ninh Hoà")),
                    List.of(new Street("Đường Trần Phú", "Phường Lộc Thọ", "Thành phố Nha Trang"))),
            new Province("089", "An Giang", "35",
                    List.of(new Locality("Xã Mỹ Hoà Hưng", "Thành phố Long Xuyên"), new Locality("Xã Núi Sam", "Thành phố Châu Đốc")),
                    List.of(new Street("Đường Tôn Đức Thắng", "Phường Mỹ Bình", "Thành phố Long Xuyên"))),
            new Province("020", "Lạng Sơn", "08",
                    List.of(new Locality("Xã Hoàng Đồng", "Thành phố Lạng Sơn"), new Locality("Xã Tân Thanh", "Huyện Văn Lãng")),
                    List.of(new Street("Đường Bà Triệu", "Phường Vĩnh Trại", "Thành phố Lạng Sơn"))),
            new Province("014", "Sơn La", "05",
                    List.of(new Locality("Xã Chiềng Ngần", "Thành phố Sơn La"), new Locality("Xã Mường Bon", "Huyện Mai Sơn")),
                    List.of(new Street("Đường Tô Hiệu", "Phường Tô Hiệu", "Thành phố Sơn La"))),
            new Province("017", "Hoà Bình", "11",
                    List.of(new Locality("Xã Trung Minh", "Thành phố Hoà Bình"), new Locality("Xã Phong Phú", "Huyện Tân Lạc")),
                    List.of(new Street("Đường Cù Chính Lan", "Phường Đồng Tiến", "Thành phố Hoà Bình"))),
            new Province("094", "Sóc Trăng", "36",
                    List.of(new Locality("Xã Tài Văn", "Huyện Trần Đề"), new Locality("Xã Vĩnh Hải", "Thị xã Vĩnh Châu")),
                    List.of(new Street("Đường Hùng Vương", "Phường 6", "Thành phố Sóc Trăng"))));

    /** The province a minority ethnicity is drawn with, so origin and ethnicity stay plausible together. */
    public static Province homeOf(String ethnicity) {
        String name = switch (ethnicity) {
            case "Tày" -> "Lạng Sơn";
            case "Thái" -> "Sơn La";
            case "Mường" -> "Hoà Bình";
            case "Khmer" -> "Sóc Trăng";
            case "Hoa" -> "Thành phố Hồ Chí Minh";
            default -> throw new IllegalArgumentException(ethnicity);
        };
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
