package vn.clinicterm.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;

class CitizenIdentityTest {

    private static final Clock REFERENCE = Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"),
            ZoneId.of("Asia/Ho_Chi_Minh"));

    @Test
    void aCccdShowsItsDg13DataWithDiacritics() {
        CardImage card = TestFiles.card(1);
        Dg13Data dg13 = LdsParsers.dg13(card.file(CardImage.EF_DG13)).orElseThrow();
        MrzData mrz = LdsParsers.dg1(card.file(CardImage.EF_DG1)).orElseThrow();
        SimCitizen citizen = SyntheticCitizens.citizen(1);

        CitizenIdentity identity = CitizenIdentity.of(Optional.of(dg13), mrz, REFERENCE);

        assertThat(identity.idNumber()).isEqualTo("001085012345");
        assertThat(identity.fullName()).isEqualTo("Nguyễn Văn An");
        assertThat(identity.dateOfBirth()).contains(LocalDate.of(1985, 3, 12));
        assertThat(identity.gender()).isEqualTo("Nam");
        assertThat(identity.nationality()).isEqualTo(citizen.nationality());
        assertThat(identity.placeOfOrigin()).isEqualTo(citizen.placeOfOrigin());
        assertThat(identity.residence()).isEqualTo(citizen.residence());
        assertThat(identity.issueDate()).contains(citizen.issueDate());
        assertThat(identity.expiryDate()).contains(LocalDate.of(2045, 3, 12));
        assertThat(identity.oldIdNumber()).isEqualTo(citizen.oldIdNumber());
        assertThat(identity.dg13()).contains(dg13);
        assertThat(identity.mrz()).isEqualTo(mrz);
    }

    @Test
    void aCardWithoutExpiryHasNoExpiryDateEvenThoughItsMrzHasOne() {
        CardImage card = TestFiles.card(5);

        CitizenIdentity identity = CitizenIdentity.of(
                LdsParsers.dg13(card.file(CardImage.EF_DG13)).toOptional(),
                LdsParsers.dg1(card.file(CardImage.EF_DG1)).orElseThrow(), REFERENCE);

        assertThat(identity.expiryDate()).isEmpty();
        assertThat(identity.dateOfBirth()).contains(SyntheticCitizens.citizen(5).dateOfBirth());
    }

    @Test
    void aPassportLikeChipShowsItsMrzWithTheCenturyFromTheIdNumber() {
        for (int n : List.of(5, 6, 7)) { // born 1940, 2009, 1972
            CardImage card = TestFiles.card(n, FaultProfile.NO_PACE);
            SimCitizen citizen = SyntheticCitizens.citizen(n);

            CitizenIdentity identity = CitizenIdentity.of(Optional.empty(),
                    LdsParsers.dg1(card.file(CardImage.EF_DG1)).orElseThrow(), REFERENCE);

            assertThat(identity.idNumber()).isEqualTo(citizen.idNumber());
            assertThat(identity.fullName()).isEqualTo(vn.clinicterm.cardsim.internal.Mrz.latin(citizen.fullName()));
            assertThat(identity.dateOfBirth()).contains(citizen.dateOfBirth());
            assertThat(identity.gender()).isEqualTo(String.valueOf(citizen.gender().mrzCode()));
            assertThat(identity.nationality()).isEqualTo("VNM");
            assertThat(identity.placeOfOrigin()).isEmpty();
            assertThat(identity.issueDate()).isEmpty();
            assertThat(identity.oldIdNumber()).isEmpty();
            assertThat(identity.dg13()).isEmpty();
        }
    }

    @Test
    void aForeignPassportResolvesTheBirthCenturySoTheDateIsNotInTheFuture() {
        MrzData german = LdsParsers.dg1(TestFiles.sample("bsi2008/Datagroup1.bin")).orElseThrow();
        MrzData young = new MrzData("P", "UTO", "L898902C3", "250101", "350101", "F", "UTO", "ERIKSSON",
                List.of("ANNA"), "", "");
        MrzData old = new MrzData("P", "UTO", "L898902C3", "270101", "350101", "F", "UTO", "ERIKSSON",
                List.of("ANNA"), "", "");

        assertThat(CitizenIdentity.of(Optional.empty(), german, REFERENCE).dateOfBirth())
                .contains(LocalDate.of(1996, 8, 12));
        assertThat(CitizenIdentity.of(Optional.empty(), german, REFERENCE).idNumber()).isEqualTo("C11T002JM");
        assertThat(CitizenIdentity.of(Optional.empty(), german, REFERENCE).fullName()).isEqualTo("MUSTERMANN ERIKA");
        assertThat(CitizenIdentity.of(Optional.empty(), young, REFERENCE).dateOfBirth())
                .contains(LocalDate.of(2025, 1, 1));
        assertThat(CitizenIdentity.of(Optional.empty(), old, REFERENCE).dateOfBirth())
                .contains(LocalDate.of(1927, 1, 1));
        assertThat(CitizenIdentity.of(Optional.empty(), german, REFERENCE).expiryDate())
                .contains(LocalDate.of(2013, 10, 31));
    }

    @Test
    void theIdNumberIsMaskedAndToStringHidesPersonalData() {
        CardImage card = TestFiles.card(1);
        CitizenIdentity identity = CitizenIdentity.of(
                LdsParsers.dg13(card.file(CardImage.EF_DG13)).toOptional(),
                LdsParsers.dg1(card.file(CardImage.EF_DG1)).orElseThrow(), REFERENCE);

        assertThat(identity.maskedIdNumber()).isEqualTo("0010••••2345");
        assertThat(identity.toString())
                .contains("0010••••2345")
                .doesNotContain("001085012345", "Nguyễn", "NGUYEN", "1985", "850312");
    }
}
