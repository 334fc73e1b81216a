package vn.clinicterm.terminal.handoff;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import vn.clinicterm.terminal.storage.VisitRecord;

/**
 * The patient line a receptionist pastes into a hospital system with no integration: the fields in that system's
 * order, joined by its separator (a tab by default, so each lands in the next input). The clipboard itself is the
 * GUI's business.
 */
public record PatientLine(List<Field> order, String separator) {

    public enum Field { ID_NUMBER, FULL_NAME, DATE_OF_BIRTH, GENDER, RESIDENCE, VISIT_ID }

    private static final DateTimeFormatter DMY = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    public PatientLine {
        order = List.copyOf(order);
        Objects.requireNonNull(separator, "separator");
        if (order.isEmpty()) {
            throw new IllegalArgumentException("the field order is empty");
        }
    }

    public static PatientLine standard() {
        return new PatientLine(List.of(Field.FULL_NAME, Field.DATE_OF_BIRTH, Field.GENDER, Field.ID_NUMBER,
                Field.RESIDENCE), "\t");
    }

    /** An order from configuration, e.g. {@code "ID_NUMBER,FULL_NAME,DATE_OF_BIRTH"}. */
    public static PatientLine parse(String order, String separator) {
        return new PatientLine(java.util.Arrays.stream(order.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Field::valueOf).toList(), separator);
    }

    public String format(VisitRecord v) {
        return order.stream().map(f -> clean(switch (f) {
            case ID_NUMBER -> v.idNumber();
            case FULL_NAME -> v.fullName();
            case DATE_OF_BIRTH -> v.dateOfBirth().map(DMY::format).orElse("");
            case GENDER -> v.gender();
            case RESIDENCE -> v.residence();
            case VISIT_ID -> Long.toString(v.visitId());
        })).collect(Collectors.joining(separator));
    }

    private String clean(String s) {
        // a separator or line break inside a value would shift every following field
        return s.replace(separator, " ").replace('\n', ' ').replace('\r', ' ');
    }
}
