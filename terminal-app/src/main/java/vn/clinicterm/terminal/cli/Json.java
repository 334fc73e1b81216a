package vn.clinicterm.terminal.cli;

import java.util.Map;
import vn.clinicterm.terminal.storage.internal.JsonText;

/** The CLI's one-line JSON outputs, written by the same canonical writer the visit log uses. */
final class Json {

    private Json() {}

    static String object(Map<String, ?> members) {
        return JsonText.write(members);
    }

    static String string(String s) {
        return JsonText.write(s);
    }
}
