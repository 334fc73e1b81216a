package vn.clinicterm.card.verify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.clinicterm.card.Parsed;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/**
 * DG1, DG13, DG14, DG15 and EF.COM, when read, parse. The SOD signs bytes, not meaning: a malformed DG13 can hash
 * correctly (the chip is then genuine) while the identity cannot be shown, which this check reports.
 */
final class DataGroupFormatCheck implements Check {

    @Override
    public CheckId id() {
        return CheckId.DATA_GROUP_FORMAT;
    }

    @Override
    public Finding run(VerificationContext context) {
        List<String> parsed = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        note("DG1", context.dg1(), parsed, malformed);
        note("DG13", context.dg13(), parsed, malformed);
        note("DG14", context.dg14(), parsed, malformed);
        note("DG15", context.dg15(), parsed, malformed);
        note("EF.COM", context.com(), parsed, malformed);
        if (!malformed.isEmpty()) {
            return Finding.indeterminate(SubIndication.FORMAT_FAILURE, "lds.format.malformed",
                    String.join(", ", malformed));
        }
        if (parsed.isEmpty()) {
            return Finding.skipped("lds.format.nothingRead");
        }
        return Finding.passed("lds.format.ok", String.join(", ", parsed));
    }

    private static void note(String name, Optional<? extends Parsed<?>> file, List<String> parsed,
            List<String> malformed) {
        file.ifPresent(p -> (p.isOk() ? parsed : malformed).add(name));
    }
}
