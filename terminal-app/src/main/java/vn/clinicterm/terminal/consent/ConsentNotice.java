package vn.clinicterm.terminal.consent;

import java.time.Instant;
import java.util.Locale;
import java.util.ResourceBundle;
import vn.clinicterm.terminal.storage.Consent;

/**
 * The one-line notice read to the patient before the chip is read, in Vietnamese (default) or English, and the
 * consent record staff create when the patient agrees. The notice's version comes from the bundle, so a consent always
 * names the wording the patient heard.
 */
public final class ConsentNotice {

    /** The purpose every consent at the counter is given for. */
    public static final String PURPOSE = "CHECK_IN_IDENTITY_AND_INSURANCE";

    private static final String BUNDLE = "vn.clinicterm.terminal.consent.ConsentMessages";

    private ConsentNotice() {}

    public static String version() {
        return bundle(Locale.of("vi")).getString("consent.notice.version");
    }

    /** The notice for staff to read out. */
    public static String text(Locale locale) {
        return message(locale, "consent.notice");
    }

    /** The shorter text for a customer-facing display. */
    public static String displayText(Locale locale) {
        return message(locale, "consent.notice.display");
    }

    public static String message(Locale locale, String key) {
        return bundle(locale).getString(key);
    }

    /** The consent record for the current notice: {@code staff} confirmed at {@code time} that the patient agreed. */
    public static Consent agreed(String staff, Instant time) {
        return new Consent(PURPOSE, version(), staff, time);
    }

    private static ResourceBundle bundle(Locale locale) {
        // Vietnamese is the base bundle: never fall back to the JVM's default locale
        return ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
