package vn.clinicterm.terminal.selftest;

import java.util.List;
import vn.clinicterm.card.CardServiceUnavailableException;
import vn.clinicterm.card.ReaderState;

/**
 * The card service (pcscd, WinSCard, CryptoTokenKit) answers and lists its readers. A service that does not answer
 * fails; no reader attached is OK with a note (readers are plugged in and out).
 */
final class CardServiceCheck implements Check {

    static final String NAME = "card-service";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(SelfTestContext context) {
        List<ReaderState> readers;
        try {
            readers = context.readers().list();
        } catch (CardServiceUnavailableException e) {
            return CheckResult.fail(NAME, e.getMessage());
        }
        if (readers.isEmpty()) {
            return CheckResult.ok(NAME, "0 readers: the card service runs, but no reader is attached (attach one"
                    + " before the first patient)");
        }
        return CheckResult.ok(NAME, readers.size() + (readers.size() == 1 ? " reader: " : " readers: ")
                + String.join(", ", readers.stream()
                        .map(r -> r.name() + " (" + (r.cardPresent() ? "card" : "empty") + ")").toList()));
    }
}
