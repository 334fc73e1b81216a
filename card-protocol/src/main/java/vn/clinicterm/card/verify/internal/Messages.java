package vn.clinicterm.card.verify.internal;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The verification messages: {@code vn/clinicterm/card/verify/messages.properties} (Vietnamese, the default) and
 * {@code messages_en.properties}. Any locale but English gets Vietnamese, whatever the JVM's default locale.
 */
public final class Messages {

    public static final String BUNDLE = "vn.clinicterm.card.verify.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {}

    public static ResourceBundle bundle(Locale locale) {
        Locale wanted = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.ROOT;
        return ResourceBundle.getBundle(BUNDLE, wanted, Messages.class.getClassLoader(), NO_FALLBACK);
    }

    /** The formatted message; a missing key comes back as the key itself (a defect a test catches, never a crash). */
    public static String format(Locale locale, String key, Object... args) {
        try {
            ResourceBundle bundle = bundle(locale);
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException | IllegalArgumentException e) {
            return key;
        }
    }
}
