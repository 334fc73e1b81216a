package vn.clinicterm.card.verify.internal;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.clinicterm.card.ComData;
import vn.clinicterm.card.Parsed;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/** EF.COM lists the data groups the SOD holds hashes for. EF.COM is unsigned, so this is a warning at most. */
final class ComConsistencyCheck implements Check {

    @Override
    public CheckId id() {
        return CheckId.COM_CONSISTENCY;
    }

    @Override
    public Finding run(VerificationContext context) {
        Optional<Parsed<ComData>> com = context.com();
        if (com.isEmpty()) {
            return Finding.skipped("lds.com.absent");
        }
        if (!com.get().isOk()) {
            return Finding.skipped("lds.com.unparsable");
        }
        if (context.sodIfParsed().isEmpty()) {
            return Finding.skipped("check.skipped.noSod");
        }
        Set<Integer> listed = new TreeSet<>(com.get().orElseThrow().dataGroups());
        Set<Integer> signed = new TreeSet<>(context.sodIfParsed().get().dataGroupHashes().keySet());
        if (listed.equals(signed)) {
            return Finding.passed("lds.com.ok");
        }
        Set<Integer> onlyCom = new TreeSet<>(listed);
        onlyCom.removeAll(signed);
        Set<Integer> onlySod = new TreeSet<>(signed);
        onlySod.removeAll(listed);
        return Finding.indeterminate(SubIndication.LDS_INCONSISTENT, "lds.com.mismatch",
                onlyCom.isEmpty() ? "-" : VerificationContext.dataGroupList(onlyCom),
                onlySod.isEmpty() ? "-" : VerificationContext.dataGroupList(onlySod));
    }
}
