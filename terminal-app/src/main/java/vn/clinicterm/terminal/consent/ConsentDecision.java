package vn.clinicterm.terminal.consent;

import java.util.Optional;
import vn.clinicterm.terminal.storage.Consent;

/** What {@link ConsentPolicy} says about reading a chip now. */
public sealed interface ConsentDecision {

    /** Reading may go ahead; the consent (if any) is stored with the visit. */
    record Proceed(Optional<Consent> consent) implements ConsentDecision {}

    /**
     * Reading is refused. {@code messageKey} is a key of the consent bundle for the person at the counter
     * ({@code consent.refused}, {@code consent.expired}).
     */
    record Refused(String messageKey) implements ConsentDecision {}
}
