package vn.clinicterm.cardsim.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SimCitizen.Gender;
import vn.clinicterm.cardsim.internal.Provinces.Locality;
import vn.clinicterm.cardsim.internal.Provinces.Province;
import vn.clinicterm.cardsim.internal.Provinces.Street;

/** Draws synthetic citizen {@code n} from a random stream seeded by {@code n} alone (SplittableRandom is specified). */
public final class CitizenGenerator {

    private static final LocalDate FIRST_ISSUE = LocalDate.of(2021, 1, 1);
    private static final LocalDate LAST_ISSUE = LocalDate.of(2025, 12, 31);

    private static final List<String> FAMILY = List.of(
            "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
            "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý");
    private static final List<String> FAMILY_HOA = List.of("Lý", "Trương", "Lâm", "Quách", "Mã");
    private static final List<String> FAMILY_KHMER = List.of("Thạch", "Sơn", "Danh", "Kim", "Lâm");
    private static final List<String> MIDDLE_MALE = List.of("Văn", "Văn", "Hữu", "Minh", "Đức", "Quốc", "Thanh", "Công");
    private static final List<String> MIDDLE_FEMALE = List.of("Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Bảo");
    private static final List<String> GIVEN_MALE = List.of(
            "An", "Bình", "Cường", "Dũng", "Đức", "Hùng", "Hải", "Khánh", "Long", "Minh", "Nam", "Phong", "Quang",
            "Sơn", "Thắng", "Tuấn", "Việt", "Hoàng", "Trung", "Kiên", "Lộc", "Thịnh");
    private static final List<String> GIVEN_FEMALE = List.of(
            "Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngọc", "Nhung", "Phương",
            "Thảo", "Trang", "Uyên", "Vân", "Yến", "Thu", "Hằng", "Loan", "Xuân");
    private static final List<String> MINORITIES = List.of("Tày", "Thái", "Mường", "Khmer", "Hoa");
    private static final List<String> MARK_KINDS = List.of("Nốt ruồi", "Nốt ruồi", "Sẹo chấm", "Sẹo");
    private static final List<String> MARK_DISTANCES = List.of("1cm", "1,5cm", "2cm", "2,5cm", "3cm");
    private static final List<String> MARK_PLACES = List.of(
            "trên trước mày trái", "trên sau mày phải", "dưới sau đuôi mắt trái", "dưới trước cánh mũi phải",
            "dưới sau mép trái", "trên trước đầu mày phải", "dưới trước cằm");

    private CitizenGenerator() {}

    /**
     * When a card issued on {@code issued} to someone born on {@code dob} expires. A card must be renewed at 25, 40
     * and 60; one issued within the 2 years before such an age stays valid until the next one (Luật Căn cước công dân
     * 2014 art. 21, kept by Luật Căn cước 2023 art. 21). After the last renewal age the card has no expiry.
     */
    public static Optional<LocalDate> expiry(LocalDate dob, LocalDate issued) {
        for (int age : new int[] {25, 40, 60}) {
            LocalDate milestone = dob.plusYears(age);
            if (issued.isBefore(milestone.minusYears(2))) {
                return Optional.of(milestone);
            }
        }
        return Optional.empty();
    }

    public static SimCitizen generate(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("citizens are numbered from 1, got " + n);
        }
        SplittableRandom r = new SplittableRandom(0x434C494E49435445L ^ (n * 0x9E3779B97F4A7C15L));
        boolean typical = n == 1;
        boolean expired = n % 7 == 3;
        boolean elder = !expired && n % 5 == 0;

        Gender gender = typical ? Gender.MALE : r.nextBoolean() ? Gender.MALE : Gender.FEMALE;
        String ethnicity = typical || r.nextInt(100) < 80 ? "Kinh" : pick(r, MINORITIES);
        Province origin = typical ? Provinces.HA_NOI
                : ethnicity.equals("Kinh") ? pick(r, Provinces.ALL) : Provinces.homeOf(ethnicity);

        LocalDate dob;
        LocalDate issued;
        if (typical) {
            dob = LocalDate.of(1985, 3, 12);
            issued = LocalDate.of(2025, 6, 9);
        } else if (expired) {
            // issued more than 2 years before turning 25 or 40, and that birthday is already past by late 2026
            int milestone = r.nextBoolean() ? 25 : 40;
            dob = LocalDate.of((milestone == 25 ? 1999 : 1984) + r.nextInt(3), 1 + r.nextInt(10), 1 + r.nextInt(28));
            issued = FIRST_ISSUE.plusDays(r.nextInt(365));
        } else if (elder) {
            dob = LocalDate.of(1940 + r.nextInt(21), 1 + r.nextInt(12), 1 + r.nextInt(28));
            issued = FIRST_ISSUE.plusDays(r.nextInt(5 * 365));
        } else {
            dob = LocalDate.of(1940 + r.nextInt(71), 1 + r.nextInt(12), 1 + r.nextInt(28));
            LocalDate earliest = dob.plusYears(14).isAfter(FIRST_ISSUE) ? dob.plusYears(14) : FIRST_ISSUE;
            long span = LAST_ISSUE.toEpochDay() - earliest.toEpochDay();
            issued = earliest.plusDays(r.nextLong(span + 1));
        }

        int centuryDigit = (dob.getYear() >= 2000 ? 2 : 0) + (gender == Gender.FEMALE ? 1 : 0);
        String idNumber = origin.code() + centuryDigit + String.format("%02d", dob.getYear() % 100)
                + String.format("%06d", typical ? 12_345 : r.nextInt(1_000_000));
        Optional<String> oldId = dob.getYear() < 2000 && (typical || r.nextInt(100) < 85)
                ? Optional.of(origin.cmndPrefix() + String.format("%07d", r.nextInt(10_000_000)))
                : Optional.empty();

        List<String> families = switch (ethnicity) {
            case "Hoa" -> FAMILY_HOA;
            case "Khmer" -> FAMILY_KHMER;
            default -> FAMILY;
        };
        String family = typical ? "Nguyễn" : pick(r, families);
        String fullName = typical ? "Nguyễn Văn An"
                : family + " " + personalName(r, gender);
        String father = family + " " + personalName(r, Gender.MALE);
        String mother = pick(r, families) + " " + personalName(r, Gender.FEMALE);
        boolean married = dob.plusYears(22).isBefore(issued) && (typical || r.nextInt(100) < 60);
        Optional<String> spouse = married
                ? Optional.of(pick(r, families) + " "
                        + personalName(r, gender == Gender.MALE ? Gender.FEMALE : Gender.MALE))
                : Optional.empty();

        String religion = religion(r, ethnicity, origin);
        Locality home = pick(r, origin.localities());
        String placeOfOrigin = home.commune() + ", " + home.district() + ", " + origin.name();
        Province living = r.nextInt(100) < 65 ? origin : pick(r, List.of(Provinces.HA_NOI, Provinces.HO_CHI_MINH));
        Street street = pick(r, living.streets());
        String residence = (r.nextInt(3) == 0 ? "Số " + (1 + r.nextInt(30)) + ", Ngõ " + (2 + r.nextInt(200)) + " "
                        : "Số " + (1 + r.nextInt(250)) + " ")
                + street.street() + ", " + street.ward() + ", " + street.district() + ", " + living.name();
        String marks = pick(r, MARK_KINDS) + " C:" + pick(r, MARK_DISTANCES) + " " + pick(r, MARK_PLACES);

        return new SimCitizen(idNumber, oldId, fullName, dob, gender, "Việt Nam", ethnicity, religion, placeOfOrigin,
                residence, marks, issued, expiry(dob, issued), father, mother, spouse);
    }

    private static String personalName(SplittableRandom r, Gender gender) {
        return gender == Gender.MALE
                ? pick(r, MIDDLE_MALE) + " " + pick(r, GIVEN_MALE)
                : pick(r, MIDDLE_FEMALE) + " " + pick(r, GIVEN_FEMALE);
    }

    private static String religion(SplittableRandom r, String ethnicity, Province origin) {
        int roll = r.nextInt(100);
        if (ethnicity.equals("Khmer")) {
            return roll < 85 ? "Phật giáo" : "Không";
        }
        if (origin.name().equals("Nam Định") && roll < 40) {
            return "Công giáo";
        }
        return roll < 75 ? "Không" : roll < 92 ? "Phật giáo" : "Công giáo";
    }

    private static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }
}
