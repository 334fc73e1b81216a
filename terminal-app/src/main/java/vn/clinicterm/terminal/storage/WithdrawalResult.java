package vn.clinicterm.terminal.storage;

import java.time.Instant;
import java.util.List;

/** What a consent withdrawal purged: the visits of that patient (their ids, never the ID number). */
public record WithdrawalResult(Instant at, List<Long> visitIdsDeleted) {
    public WithdrawalResult {
        visitIdsDeleted = List.copyOf(visitIdsDeleted);
    }
}
