package vn.clinicterm.card.verify.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import vn.clinicterm.card.verify.SubIndication;
import vn.clinicterm.card.verify.VerificationPolicy.Level;

/**
 * What one check found, before the policy weighs it (the "facts" of facts → policy → verdict). {@code level}, when
 * present, replaces the check's own policy level for this finding (e.g. "revocation unknown" weighs at the policy's
 * {@code revocation.unknown}, a revoked signer at the check's level).
 */
sealed interface Finding {

    String messageKey();

    List<String> args();

    /** Nothing wrong. */
    record Passed(String messageKey, List<String> args) implements Finding {}

    /** Something is proven wrong. */
    record Failed(SubIndication subIndication, String messageKey, List<String> args, Optional<Level> level)
            implements Finding {}

    /** The check could not decide, or found something that leaves the chip unproven. */
    record Indeterminate(SubIndication subIndication, String messageKey, List<String> args, Optional<Level> level)
            implements Finding {}

    /** The check does not apply, or what it needs is missing (reported by an earlier check). */
    record Skipped(String messageKey, List<String> args) implements Finding {}

    static Finding passed(String key, Object... args) {
        return new Passed(key, strings(args));
    }

    static Finding failed(SubIndication sub, String key, Object... args) {
        return new Failed(sub, key, strings(args), Optional.empty());
    }

    static Finding indeterminate(SubIndication sub, String key, Object... args) {
        return new Indeterminate(sub, key, strings(args), Optional.empty());
    }

    static Finding indeterminateAt(Level level, SubIndication sub, String key, Object... args) {
        return new Indeterminate(sub, key, strings(args), Optional.of(level));
    }

    static Finding skipped(String key, Object... args) {
        return new Skipped(key, strings(args));
    }

    private static List<String> strings(Object... args) {
        return Arrays.stream(args).map(String::valueOf).toList();
    }
}
