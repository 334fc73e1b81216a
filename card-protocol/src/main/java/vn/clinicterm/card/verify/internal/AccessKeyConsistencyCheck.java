package vn.clinicterm.card.verify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.clinicterm.card.AccessKey;
import vn.clinicterm.card.Dg13Data;
import vn.clinicterm.card.MrzData;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/**
 * DG1's MRZ agrees with the key that opened the chip: a CAN is the last 6 digits of the 12-digit ID number (from
 * DG1's optional data, else DG13); an MRZ key's document number, date of birth and date of expiry are DG1's. Data
 * copied onto another chip opened with its own key shows here. Findings name fields, never values.
 */
final class AccessKeyConsistencyCheck implements Check {

    @Override
    public CheckId id() {
        return CheckId.MRZ_ACCESS_KEY;
    }

    @Override
    public Finding run(VerificationContext context) {
        Optional<MrzData> dg1 = VerificationContext.value(context.dg1());
        if (dg1.isEmpty()) {
            return Finding.skipped("check.skipped.noDg1");
        }
        MrzData mrz = dg1.get();
        return switch (context.evidence().accessKey()) {
            case AccessKey.Can can -> {
                Optional<String> id = mrz.fullIdNumber()
                        .or(() -> VerificationContext.value(context.dg13()).map(Dg13Data::idNumber));
                if (id.isEmpty()) {
                    yield Finding.skipped("mrz.accessKey.noIdNumber");
                }
                yield id.get().endsWith(can.can()) && id.get().length() >= 6
                        ? Finding.passed("mrz.accessKey.canOk")
                        : Finding.failed(SubIndication.MRZ_MISMATCH, "mrz.accessKey.canMismatch");
            }
            case AccessKey.Mrz key -> {
                List<String> differing = new ArrayList<>();
                if (!trimFiller(key.documentNumber()).equals(trimFiller(mrz.documentNumber()))) {
                    differing.add("documentNumber");
                }
                if (!key.dateOfBirth().equals(mrz.dateOfBirth())) {
                    differing.add("dateOfBirth");
                }
                if (!key.dateOfExpiry().equals(mrz.dateOfExpiry())) {
                    differing.add("dateOfExpiry");
                }
                yield differing.isEmpty()
                        ? Finding.passed("mrz.accessKey.mrzOk")
                        : Finding.failed(SubIndication.MRZ_MISMATCH, "mrz.accessKey.mrzMismatch",
                                String.join(", ", differing));
            }
        };
    }

    private static String trimFiller(String field) {
        int end = field.length();
        while (end > 0 && field.charAt(end - 1) == '<') {
            end--;
        }
        return field.substring(0, end);
    }
}
