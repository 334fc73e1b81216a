package vn.clinicterm.sync.internal;

import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.sync.ReasonCode;
import vn.clinicterm.sync.SyncError;
import vn.clinicterm.sync.SyncOutcome;

/** Shared mappings from transport failures to outcomes. */
final class Results {

    private Results() {}

    /** For a lookup: anything that may go away by itself is PENDING; the rest is an ERROR for IT. */
    static EligibilityResult eligibilityFailure(SyncError e) {
        return switch (e.kind()) {
            case TIMEOUT, CONNECTION, TLS, SERVER_BUSY ->
                    new EligibilityResult.Pending(e.describe(), java.util.Optional.empty(), e.retryAfter());
            case AUTH -> new EligibilityResult.Error(ReasonCode.AUTH_FAILED, e.describe());
            case REJECTED, LOCAL -> new EligibilityResult.Error(ReasonCode.BAD_PARAMETER, e.describe());
            case BODY_TOO_LARGE, MALFORMED_RESPONSE -> new EligibilityResult.Error(ReasonCode.BAD_REPLY, e.describe());
        };
    }

    /**
     * For a write: only a refusal is final. A garbled or oversized reply to a write is retried — the server may have
     * stored the record, and the idempotency key makes the retry harmless — so one bad reply never dead-letters data.
     */
    static SyncOutcome writeFailure(SyncError e) {
        return switch (e.kind()) {
            case REJECTED, LOCAL -> new SyncOutcome.Rejected(e);
            case TIMEOUT, CONNECTION, TLS, SERVER_BUSY, AUTH, BODY_TOO_LARGE, MALFORMED_RESPONSE ->
                    new SyncOutcome.RetryLater(e);
        };
    }
}
