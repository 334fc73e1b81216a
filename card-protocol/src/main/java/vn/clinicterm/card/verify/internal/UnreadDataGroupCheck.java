package vn.clinicterm.card.verify.internal;

import java.util.Set;
import java.util.TreeSet;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/**
 * Data groups the SOD vouches for that were not read, so nothing about them was checked. DG3 and DG4 are
 * EAC-protected and never read by a terminal without EAC; they do not count.
 */
final class UnreadDataGroupCheck implements Check {

    @Override
    public CheckId id() {
        return CheckId.UNREAD_DATA_GROUPS;
    }

    @Override
    public Finding run(VerificationContext context) {
        if (context.sodIfParsed().isEmpty()) {
            return Finding.skipped("check.skipped.noSod");
        }
        Set<Integer> unread = new TreeSet<>(context.sodIfParsed().get().dataGroupHashes().keySet());
        unread.removeAll(context.dataGroupsRead());
        unread.removeAll(VerificationContext.EAC_DATA_GROUPS);
        if (unread.isEmpty()) {
            return Finding.passed("dg.unread.none");
        }
        return Finding.indeterminate(SubIndication.DATA_GROUP_NOT_READ, "dg.unread.found",
                VerificationContext.dataGroupList(unread));
    }
}
