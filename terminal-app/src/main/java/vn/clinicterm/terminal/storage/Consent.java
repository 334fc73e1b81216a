package vn.clinicterm.terminal.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * The patient's consent to reading the chip, as staff confirmed it (issue 9).
 *
 * @param noticeVersion which wording of the notice the patient was shown
 * @param staff the user who confirmed the patient agreed
 */
public record Consent(String purpose, String noticeVersion, String staff, Instant time) {
    public Consent {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(noticeVersion, "noticeVersion");
        Objects.requireNonNull(staff, "staff");
        Objects.requireNonNull(time, "time");
    }
}
