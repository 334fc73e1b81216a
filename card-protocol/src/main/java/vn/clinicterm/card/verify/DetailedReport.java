package vn.clinicterm.card.verify;

import java.util.Locale;
import java.util.Objects;
import vn.clinicterm.card.verify.internal.Messages;

/**
 * The full detail for IT: the verdict, the policy and time, and every check with its status, sub-indication,
 * message key and sentence. Like the report, it holds no personal data.
 */
public record DetailedReport(String text) {

    public DetailedReport {
        Objects.requireNonNull(text, "text");
    }

    public static DetailedReport of(VerificationReport report, Locale locale) {
        StringBuilder out = new StringBuilder();
        out.append(Messages.format(locale, "detail.verdict")).append(": ").append(report.indication())
                .append(report.subIndication().map(s -> " (" + s + ")").orElse("")).append('\n');
        out.append(Messages.format(locale, "detail.policy")).append(": ").append(report.policyName()).append(", ")
                .append(Messages.format(locale, "detail.time")).append(": ").append(report.verifiedAt()).append('\n');
        for (CheckResult c : report.checks()) {
            out.append(String.format(Locale.ROOT, "  %-13s %-20s ", c.status(), c.id().id()))
                    .append(Messages.format(locale, c.messageKey(), c.args().toArray()))
                    .append(c.subIndication().map(s -> " [" + s + "]").orElse(""))
                    .append(" {").append(c.messageKey()).append("}\n");
        }
        return new DetailedReport(out.toString());
    }

    @Override
    public String toString() {
        return text;
    }
}
