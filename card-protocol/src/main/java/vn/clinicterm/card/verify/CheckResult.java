package vn.clinicterm.card.verify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One check's result.
 *
 * @param messageKey a key of the {@code vn.clinicterm.card.verify.messages} bundle saying what the check found
 * @param args the message's arguments: algorithm names, data group numbers, certificate subjects of authorities,
 *     dates of certificates; never personal data (no ID numbers, names, birth dates)
 * @param subIndication why it did not pass; empty when it passed or was skipped
 */
public record CheckResult(
        CheckId id, CheckStatus status, String messageKey, List<String> args, Optional<SubIndication> subIndication) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(messageKey, "messageKey");
        args = List.copyOf(args);
        Objects.requireNonNull(subIndication, "subIndication");
    }
}
