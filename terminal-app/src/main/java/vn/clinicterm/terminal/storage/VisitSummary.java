package vn.clinicterm.terminal.storage;

import java.time.Instant;

/** One line of the reception's "today" list: safe to show on a screen others can see (the ID number is masked). */
public record VisitSummary(long visitId, Instant time, String maskedIdNumber, String fullName, Indication indication,
        boolean overrideByStaff, CloneCheck cloneCheck, boolean cloneCheckConfirmed, Eligibility eligibility) {}
