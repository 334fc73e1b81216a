package vn.clinicterm.terminal.cli;

import java.util.Map;

/** Just enough JSON writing for the CLI's one-line outputs (objects of strings, numbers, booleans, nested maps). */
final class Json {

    private Json() {}

    static String object(Map<String, ?> members) {
        StringBuilder out = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, ?> e : members.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(string(e.getKey())).append(':').append(value(e.getValue()));
        }
        return out.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static String value(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        } else if (v instanceof Map<?, ?> map) {
            return object((Map<String, ?>) map);
        } else if (v instanceof Iterable<?> list) {
            StringBuilder out = new StringBuilder("[");
            for (Object item : list) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append(value(item));
            }
            return out.append(']').toString();
        }
        return string(v.toString());
    }

    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
