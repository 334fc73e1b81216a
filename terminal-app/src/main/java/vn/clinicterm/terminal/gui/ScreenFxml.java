package vn.clinicterm.terminal.gui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;

/** Loading the login, auditor and admin screens with their bundle, and the small rendering helpers they share. */
final class ScreenFxml {

    /** Strings of the login, auditor and admin screens and of the window's navigation. */
    static final String BUNDLE = "vn.clinicterm.terminal.gui.admin";
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private ScreenFxml() {}

    static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Loads {@code fxml} (beside this class) with the screens' bundle and returns its controller. */
    static <C> C load(String fxml, Locale locale) {
        FXMLLoader loader = new FXMLLoader(ScreenFxml.class.getResource(fxml), bundle(locale));
        try {
            loader.load();
            return loader.getController();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }

    static String format(ResourceBundle bundle, String key, Object... args) {
        return MessageFormat.format(bundle.getString(key), args);
    }

    /** An instant as staff read it: {@code HH:mm dd/MM/yyyy} in this machine's zone. */
    static String dateTime(Instant instant) {
        return DATE_TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** Leaves exactly {@code cls} of {@code all} on {@code node}. */
    static void styleOnly(Node node, String cls, String... all) {
        node.getStyleClass().removeAll(List.of(all));
        node.getStyleClass().add(cls);
    }

    static void show(Node node, boolean visible) {
        node.setVisible(visible);
        node.setManaged(visible);
    }
}
