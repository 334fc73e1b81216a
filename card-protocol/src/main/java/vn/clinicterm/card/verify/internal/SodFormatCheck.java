package vn.clinicterm.card.verify.internal;

import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.Parsed;
import vn.clinicterm.card.SodData;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/**
 * EF.SOD parses as a CMS SignedData over an LDS security object. A missing or malformed SOD leaves nothing to
 * verify: INDETERMINATE with FORMAT_FAILURE, not FAILED, because a malformed file proves no forgery by itself (and a
 * forger gains nothing: the chip is never PASSED).
 */
final class SodFormatCheck implements Check {

    @Override
    public CheckId id() {
        return CheckId.SOD_FORMAT;
    }

    @Override
    public Finding run(VerificationContext context) {
        if (!context.hasFile(ChipEvidence.EF_SOD)) {
            return Finding.indeterminate(SubIndication.FORMAT_FAILURE, "sod.format.missing");
        }
        return switch (context.sod()) {
            case Parsed.Ok<SodData> ok -> Finding.passed("sod.format.ok", ok.value().securityObjectOid(),
                    ok.value().digestAlgorithm(), VerificationContext.dataGroupList(ok.value().dataGroupHashes().keySet()));
            case Parsed.Malformed<SodData> bad ->
                    Finding.indeterminate(SubIndication.FORMAT_FAILURE, "sod.format.malformed", bad.reason());
        };
    }
}
