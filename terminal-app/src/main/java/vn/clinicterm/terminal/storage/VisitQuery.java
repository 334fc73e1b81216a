package vn.clinicterm.terminal.storage;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Which visits a search returns: days {@code from}..{@code to} inclusive in the visit log's time zone, optionally one
 * verification indication and one eligibility status.
 */
public record VisitQuery(LocalDate from, LocalDate to, Optional<Indication> indication,
        Optional<Eligibility> eligibility) {
    public VisitQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(indication, "indication");
        Objects.requireNonNull(eligibility, "eligibility");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the search ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public static VisitQuery days(LocalDate from, LocalDate to) {
        return new VisitQuery(from, to, Optional.empty(), Optional.empty());
    }

    public VisitQuery withIndication(Indication i) {
        return new VisitQuery(from, to, Optional.of(i), eligibility);
    }

    public VisitQuery withEligibility(Eligibility e) {
        return new VisitQuery(from, to, indication, Optional.of(e));
    }
}
