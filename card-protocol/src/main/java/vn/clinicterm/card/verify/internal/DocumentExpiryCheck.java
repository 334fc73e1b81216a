package vn.clinicterm.card.verify.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import vn.clinicterm.card.Dg13Data;
import vn.clinicterm.card.MrzData;
import vn.clinicterm.card.Parsed;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/**
 * The card's own expiry, on the verification day in Vietnam. DG13's expiry date when DG13 parses (none means the
 * card never expires: a CCCD issued after 60), else DG1's (YYMMDD, 20YY). An expired card is not a forged one: at
 * the check's level it leaves the verdict INDETERMINATE (DOCUMENT_EXPIRED), and by default it is a warning. The
 * date itself is personal data and stays out of the report.
 */
final class DocumentExpiryCheck implements Check {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @Override
    public CheckId id() {
        return CheckId.DOCUMENT_EXPIRY;
    }

    @Override
    public Finding run(VerificationContext context) {
        LocalDate today = LocalDate.ofInstant(context.now(), VIETNAM);
        Optional<Parsed<Dg13Data>> dg13 = context.dg13();
        Optional<LocalDate> expiry;
        if (dg13.isPresent() && dg13.get().isOk()) {
            expiry = dg13.get().orElseThrow().expiryDate();
            if (expiry.isEmpty()) {
                return Finding.passed("document.expiry.never");
            }
        } else {
            Optional<MrzData> dg1 = VerificationContext.value(context.dg1());
            if (dg1.isEmpty()) {
                return Finding.skipped("document.expiry.unknown");
            }
            expiry = fromMrz(dg1.get().dateOfExpiry());
            if (expiry.isEmpty()) {
                return Finding.skipped("document.expiry.unknown");
            }
        }
        return expiry.get().isBefore(today)
                ? Finding.indeterminate(SubIndication.DOCUMENT_EXPIRED, "document.expiry.expired")
                : Finding.passed("document.expiry.valid");
    }

    private static Optional<LocalDate> fromMrz(String yymmdd) {
        if (yymmdd.length() != 6 || !yymmdd.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.of(2000 + Integer.parseInt(yymmdd.substring(0, 2)),
                    Integer.parseInt(yymmdd.substring(2, 4)), Integer.parseInt(yymmdd.substring(4, 6))));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
