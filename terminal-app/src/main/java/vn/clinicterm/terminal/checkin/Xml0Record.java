package vn.clinicterm.terminal.checkin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.clinicterm.sync.Xml0Format;

/**
 * An XML0 check-in record built for one visit: its fields in document order and the rules it breaks. Only a record
 * with no violations may be sent ({@link #sendable()}).
 */
public record Xml0Record(long visitId, Map<String, String> fields, List<Xml0Format.Violation> violations) {

    public Xml0Record {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        violations = List.copyOf(violations);
    }

    public boolean sendable() {
        return violations.isEmpty();
    }

    /** The document, UTF-8, unsigned. */
    public byte[] xml() {
        return Xml0Format.serialize(Xml0Format.toDocument(fields));
    }

    @Override
    public String toString() {
        return "Xml0Record[visit " + visitId + ", " + violations.size() + " violations, personal data hidden]";
    }
}
