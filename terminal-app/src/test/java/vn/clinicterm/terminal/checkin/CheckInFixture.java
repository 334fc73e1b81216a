package vn.clinicterm.terminal.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import vn.clinicterm.card.AccessMethod;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.terminal.consent.ConsentNotice;
import vn.clinicterm.terminal.storage.CheckIn;
import vn.clinicterm.terminal.storage.CloneCheck;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.PasswordHashing;
import vn.clinicterm.terminal.storage.RecordOutcome;
import vn.clinicterm.terminal.storage.VisitLog;

/** Visits ready for their check-in record: synthetic citizens, the insurer's answer, the HIS data. */
final class CheckInFixture {

    static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");

    private CheckInFixture() {}

    static VisitLog open(Path dir, Clock clock) {
        return VisitLog.builder().database(dir.resolve("clinicterm.db")).keyFile(dir.resolve("keys/visit-log.keys"))
                .clock(clock).zone(HANOI).terminalId("quay-1").facilityCode("79001")
                .passwordHashing(PasswordHashing.FOR_TESTS).open();
    }

    /** A consented, verified, insured visit of synthetic citizen {@code n}, with HIS data for visit code {@code maLk}. */
    static long visit(VisitLog log, int n, String maLk) {
        SimCitizen c = SyntheticCitizens.citizen(n);
        RecordOutcome o = log.recordVisit(CheckIn.builder().terminalId("quay-1").staffUser("le.tan")
                .idNumber(c.idNumber()).fullName(c.fullName()).dateOfBirth(c.dateOfBirth())
                .gender(c.gender().vietnamese()).residence(c.residence())
                .verification(Indication.PASSED, "", List.of()).accessMethod(AccessMethod.PACE)
                .cloneCheck(CloneCheck.CA, true).consent(ConsentNotice.agreed("le.tan", Instant.now())).build());
        assertThat(o).isInstanceOf(RecordOutcome.Recorded.class);
        long id = ((RecordOutcome.Recorded) o).visitId();
        log.updateEligibility(id, Eligibility.ELIGIBLE, "{\"outcome\":\"ELIGIBLE\",\"reasonCode\":\"OK\","
                + "\"cardNumber\":\"DN4797912345678\",\"validFrom\":\"" + LocalDate.now().minusMonths(1) + "\","
                + "\"validTo\":\"" + LocalDate.now().plusMonths(11) + "\",\"registeredFacility\":\"79001\","
                + "\"benefitLevel\":80}");
        assertThat(log.saveHisData(id, "{\"maLk\":\"" + maLk + "\",\"maBn\":\"BN" + n + "\",\"maDichVu\":\"02.1896\","
                + "\"tenDichVu\":\"Khám Nội\",\"ngayYl\":\"" + LocalDateTime.now(HANOI).plusMinutes(5).withNano(0)
                + "\"}")).isTrue();
        return id;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
