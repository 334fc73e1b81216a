package vn.clinicterm.cardsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticCitizensTest {

    /** The 63 province codes of the CCCD (Thông tư 07/2016/TT-BCA). */
    private static final Set<String> PROVINCE_CODES = Set.of(
            "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024",
            "025", "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045",
            "046", "048", "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070",
            "072", "074", "075", "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093",
            "094", "095", "096");

    private static List<SimCitizen> catalogue() {
        return IntStream.rangeClosed(1, SyntheticCitizens.count()).mapToObj(SyntheticCitizens::citizen).toList();
    }

    @Test
    void citizenOneIsATypicalAdultBornIn1985InHaNoi() {
        SimCitizen one = SyntheticCitizens.citizen(1);

        assertThat(one.idNumber()).startsWith("001").isEqualTo("001085012345");
        assertThat(one.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(one.gender()).isEqualTo(SimCitizen.Gender.MALE);
        assertThat(one.dateOfBirth().getYear()).isEqualTo(1985);
        assertThat(one.expiryDate()).hasValueSatisfying(d -> assertThat(d).isAfter(SyntheticCitizens.REFERENCE_DATE));
        assertThat(one.oldIdNumber()).hasValueSatisfying(old -> assertThat(old).matches("\\d{9}"));
    }

    @Test
    void theSameNumberAlwaysGivesTheSameCitizen() {
        assertThat(SyntheticCitizens.citizen(17)).isEqualTo(SyntheticCitizens.citizen(17));
        assertThat(SyntheticCitizens.citizen(17)).isNotEqualTo(SyntheticCitizens.citizen(18));
    }

    @Test
    void everyIdEncodesProvinceGenderCenturyAndBirthYear() {
        for (SimCitizen c : catalogue()) {
            String id = c.idNumber();
            int year = c.dateOfBirth().getYear();
            int expectedDigit = (year >= 2000 ? 2 : 0) + (c.gender() == SimCitizen.Gender.FEMALE ? 1 : 0);

            assertThat(PROVINCE_CODES).as(id).contains(id.substring(0, 3));
            assertThat(id.charAt(3) - '0').as(id).isEqualTo(expectedDigit);
            assertThat(id.substring(4, 6)).as(id).isEqualTo(String.format("%02d", year % 100));
            assertThat(year).isBetween(1940, 2010);
        }
    }

    @Test
    void oldNineDigitNumbersBelongOnlyToPeopleBornBefore2000() {
        long withOld = catalogue().stream().filter(c -> c.oldIdNumber().isPresent()).count();
        assertThat(withOld).isGreaterThan(10);
        for (SimCitizen c : catalogue()) {
            c.oldIdNumber().ifPresent(old -> {
                assertThat(old).matches("\\d{9}");
                assertThat(c.dateOfBirth().getYear()).isLessThan(2000);
            });
        }
    }

    @Test
    void cardsWereIssuedFrom2021To2025AfterTheHolderTurnedFourteen() {
        for (SimCitizen c : catalogue()) {
            assertThat(c.issueDate()).isBetween(LocalDate.of(2021, 1, 1), LocalDate.of(2025, 12, 31));
            assertThat(c.issueDate()).isAfterOrEqualTo(c.dateOfBirth().plusYears(14));
        }
    }

    @Test
    void expiryFollowsTheRenewalAgesWithTheTwoYearGrace() {
        for (SimCitizen c : catalogue()) {
            assertThat(c.expiryDate()).as(c.idNumber()).isEqualTo(expectedExpiry(c.dateOfBirth(), c.issueDate()));
        }
    }

    @Test
    void citizenThreeAndEverySeventhFromThreeHaveAlreadyExpired() {
        for (int n = 3; n <= 80; n += 7) {
            assertThat(SyntheticCitizens.citizen(n).expiryDate())
                    .as("citizen %d", n)
                    .hasValueSatisfying(d -> assertThat(d).isBefore(SyntheticCitizens.REFERENCE_DATE));
        }
    }

    @Test
    void aCitizenIssuedAfterSixtyHasNoExpiry() {
        SimCitizen elder = SyntheticCitizens.citizen(5);

        assertThat(elder.issueDate()).isAfterOrEqualTo(elder.dateOfBirth().plusYears(60));
        assertThat(elder.expiryDate()).isEmpty();
        assertThat(elder.mrzDateOfExpiry()).isEqualTo("991231");
    }

    @Test
    void namesAndAddressesKeepTheirDiacritics() {
        SimCitizen one = SyntheticCitizens.citizen(1);
        assertThat(one.fullName()).contains("ễ");
        assertThat(one.nationality()).isEqualTo("Việt Nam");
        long withDiacritics = catalogue().stream().filter(c -> !c.fullName().matches("[A-Za-z ]*")).count();
        assertThat(withDiacritics).isGreaterThan(40);
        assertThat(catalogue()).allSatisfy(c -> {
            assertThat(c.placeOfOrigin().split(", ")).hasSize(3);
            assertThat(c.residence()).startsWith("Số ");
            assertThat(c.identifyingMarks()).contains(" C:").contains("cm");
        });
    }

    @Test
    void theFatherCarriesTheFamilyName() {
        assertThat(catalogue()).allSatisfy(c -> assertThat(c.fatherName().split(" ")[0])
                .isEqualTo(c.fullName().split(" ")[0]));
    }

    @Test
    void theCatalogueIsVaried() {
        List<SimCitizen> all = catalogue();
        Set<String> ethnicities = new HashSet<>();
        Set<String> provinces = new HashSet<>();
        Set<String> religions = new HashSet<>();
        all.forEach(c -> {
            ethnicities.add(c.ethnicity());
            provinces.add(c.idNumber().substring(0, 3));
            religions.add(c.religion());
        });

        assertThat(ethnicities).contains("Kinh").hasSizeGreaterThanOrEqualTo(3);
        assertThat(provinces).hasSizeGreaterThanOrEqualTo(10);
        assertThat(religions).contains("Không").hasSizeGreaterThanOrEqualTo(2);
        assertThat(all).anyMatch(c -> c.gender() == SimCitizen.Gender.FEMALE);
        assertThat(all).anyMatch(c -> c.spouseName().isPresent()).anyMatch(c -> c.spouseName().isEmpty());
        assertThat(all).anyMatch(c -> c.dateOfBirth().getYear() >= 2000);
    }

    @Test
    void citizensBeyondTheCatalogueAreValidToo() {
        SimCitizen far = SyntheticCitizens.citizen(1_000);
        assertThat(far).isEqualTo(SyntheticCitizens.citizen(1_000));
        assertThat(far.idNumber()).matches("\\d{12}");
        assertThatThrownBy(() -> SyntheticCitizens.citizen(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Optional<LocalDate> expectedExpiry(LocalDate dob, LocalDate issued) {
        if (issued.isBefore(dob.plusYears(23))) {
            return Optional.of(dob.plusYears(25));
        } else if (issued.isBefore(dob.plusYears(38))) {
            return Optional.of(dob.plusYears(40));
        } else if (issued.isBefore(dob.plusYears(58))) {
            return Optional.of(dob.plusYears(60));
        }
        return Optional.empty();
    }
}
