package vn.clinicterm.sync.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * Strict reading of replies: every field is checked for presence and type, and any surprise becomes a
 * {@link BadReply} whose message names the field, never its value.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(256 * 1024)
                .maxNumberLength(40)
                .build());
    }

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE;

    private Json() {}

    /** A reply that is not what the protocol promises. The message is safe to log. */
    public static final class BadReply extends Exception {
        public BadReply(String message) {
            super(message, null, false, false);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    public static String string(JsonNode node) {
        return new String(bytes(node), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static JsonNode parse(byte[] body) throws BadReply {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw new BadReply("empty body");
            }
            return n;
        } catch (IOException e) {
            throw new BadReply("malformed JSON");
        }
    }

    public static ObjectNode parseObject(byte[] body) throws BadReply {
        JsonNode n = parse(body);
        if (!n.isObject()) {
            throw new BadReply("expected a JSON object");
        }
        return (ObjectNode) n;
    }

    public static String text(JsonNode obj, String field) throws BadReply {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            throw new BadReply("missing field " + field);
        }
        if (!n.isTextual()) {
            throw new BadReply("field " + field + " is not a string");
        }
        return n.textValue();
    }

    public static Optional<String> optText(JsonNode obj, String field) throws BadReply {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw new BadReply("field " + field + " is not a string");
        }
        return n.textValue().isEmpty() ? Optional.empty() : Optional.of(n.textValue());
    }

    public static int integer(JsonNode obj, String field) throws BadReply {
        JsonNode n = obj.get(field);
        if (n == null || n.isNull()) {
            throw new BadReply("missing field " + field);
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new BadReply("field " + field + " is not an integer");
        }
        return n.intValue();
    }

    public static JsonNode objectField(JsonNode obj, String field) throws BadReply {
        JsonNode n = obj.get(field);
        if (n == null || !n.isObject()) {
            throw new BadReply("field " + field + " is not an object");
        }
        return n;
    }

    public static LocalDate isoDate(JsonNode obj, String field) throws BadReply {
        return date(text(obj, field), field, ISO);
    }

    public static Optional<LocalDate> optIsoDate(JsonNode obj, String field) throws BadReply {
        Optional<String> s = optText(obj, field);
        return s.isEmpty() ? Optional.empty() : Optional.of(date(s.get(), field, ISO));
    }

    public static LocalDate date(String s, String field, DateTimeFormatter f) throws BadReply {
        try {
            return LocalDate.parse(s, f.withResolverStyle(ResolverStyle.STRICT));
        } catch (DateTimeParseException e) {
            throw new BadReply("field " + field + " is not a date");
        }
    }
}
