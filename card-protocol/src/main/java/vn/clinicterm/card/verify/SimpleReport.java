package vn.clinicterm.card.verify;

import java.util.Locale;
import java.util.Objects;
import vn.clinicterm.card.verify.internal.Messages;

/**
 * The receptionist's view: one of three outcomes and one sentence why, in Vietnamese ({@link #VIETNAMESE}, the
 * default) or English.
 *
 * @param headline "Đã xác thực" / "Verified", "Giả mạo hoặc bị sửa đổi" / "Forged or altered", "Không thể xác thực" /
 *     "Could not be verified"
 * @param reason one sentence: the decisive check's finding, or what was proven for a PASSED verdict
 */
public record SimpleReport(Indication indication, String headline, String reason, Locale locale) {

    public static final Locale VIETNAMESE = Locale.of("vi");

    public SimpleReport {
        Objects.requireNonNull(indication, "indication");
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(locale, "locale");
    }

    public static SimpleReport of(VerificationReport report, Locale locale) {
        String headline = Messages.format(locale, "simple.headline." + report.indication().name().toLowerCase(Locale.ROOT));
        String reason = switch (report.indication()) {
            case PASSED -> {
                long warnings = report.checks().stream().filter(c -> c.status() == CheckStatus.WARNING).count();
                String key = report.status(CheckId.CHIP_AUTHENTICATION) == CheckStatus.PASSED
                        ? "simple.passed" : "simple.passed.cloneCheckMissing";
                yield Messages.format(locale, warnings == 0 ? key : key + ".warnings", Long.toString(warnings));
            }
            case FAILED -> decisive(report, CheckStatus.FAILED, locale);
            case INDETERMINATE -> decisive(report, CheckStatus.INDETERMINATE, locale);
        };
        return new SimpleReport(report.indication(), headline, reason, locale);
    }

    private static String decisive(VerificationReport report, CheckStatus status, Locale locale) {
        return report.checks().stream()
                .filter(c -> c.status() == status)
                .findFirst()
                .map(c -> Messages.format(locale, c.messageKey(), c.args().toArray()))
                .orElseGet(() -> Messages.format(locale, "simple.noReason"));
    }

    /** {@code headline: reason}. */
    public String text() {
        return headline + ": " + reason;
    }
}
