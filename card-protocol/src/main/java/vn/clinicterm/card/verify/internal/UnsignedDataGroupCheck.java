package vn.clinicterm.card.verify.internal;

import java.util.Set;
import java.util.TreeSet;
import vn.clinicterm.card.SodData;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/** Data groups read that the SOD holds no hash for: their content is vouched for by nobody. */
final class UnsignedDataGroupCheck implements Check {

    @Override
    public CheckId id() {
        return CheckId.UNSIGNED_DATA_GROUPS;
    }

    @Override
    public Finding run(VerificationContext context) {
        if (context.sodIfParsed().isEmpty()) {
            return Finding.skipped("check.skipped.noSod");
        }
        SodData sod = context.sodIfParsed().get();
        Set<Integer> unsigned = new TreeSet<>(context.dataGroupsRead());
        unsigned.removeAll(sod.dataGroupHashes().keySet());
        if (unsigned.isEmpty()) {
            return Finding.passed("dg.unsigned.none");
        }
        return Finding.indeterminate(SubIndication.UNSIGNED_DATA, "dg.unsigned.found",
                VerificationContext.dataGroupList(unsigned));
    }
}
