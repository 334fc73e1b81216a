package vn.clinicterm.card.verify.internal;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.clinicterm.card.Dg13Data;
import vn.clinicterm.card.MrzData;
import vn.clinicterm.card.Parsed;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/**
 * DG1 agrees with DG13, the CCCD's personal data: the 12-digit ID number (DG1's optional data, or its document
 * number as the ID's last 9 digits) and the date of birth. Findings name fields, never values.
 */
final class Dg13ConsistencyCheck implements Check {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    @Override
    public CheckId id() {
        return CheckId.MRZ_DG13;
    }

    @Override
    public Finding run(VerificationContext context) {
        Optional<Parsed<Dg13Data>> read = context.dg13();
        if (read.isEmpty()) {
            return Finding.skipped("mrz.dg13.absent");
        }
        if (!read.get().isOk()) {
            return Finding.skipped("mrz.dg13.unparsable");
        }
        Optional<MrzData> dg1 = VerificationContext.value(context.dg1());
        if (dg1.isEmpty()) {
            return Finding.skipped("check.skipped.noDg1");
        }
        Dg13Data dg13 = read.get().orElseThrow();
        MrzData mrz = dg1.get();
        List<String> differing = new ArrayList<>();
        String id = dg13.idNumber();
        boolean idAgrees = mrz.fullIdNumber().map(id::equals)
                .orElse(id.length() >= 9 && id.substring(id.length() - 9).equals(mrz.documentNumber()));
        if (!idAgrees) {
            differing.add("idNumber");
        }
        if (dg13.dateOfBirth().isPresent() && !dg13.dateOfBirth().get().format(YYMMDD).equals(mrz.dateOfBirth())) {
            differing.add("dateOfBirth");
        }
        return differing.isEmpty()
                ? Finding.passed("mrz.dg13.ok")
                : Finding.failed(SubIndication.MRZ_MISMATCH, "mrz.dg13.mismatch", String.join(", ", differing));
    }
}
