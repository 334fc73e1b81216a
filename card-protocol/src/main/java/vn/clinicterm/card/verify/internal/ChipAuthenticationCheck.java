package vn.clinicterm.card.verify.internal;

import java.security.PublicKey;
import java.util.Optional;
import vn.clinicterm.card.ChipAuthentication;
import vn.clinicterm.card.Dg14Data;
import vn.clinicterm.card.Parsed;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;
import vn.clinicterm.card.verify.VerificationPolicy.Level;

/**
 * The clone check. Chip Authentication counts only when the chip confirmed the agreed keys and DG14 is covered by
 * the verified SOD; Active Authentication only when DG15 is covered and the chip's signature over the recorded
 * 8-byte challenge verifies. A CA that ran unconfirmed, or an AA signature that does not verify, is FAILED
 * (CLONE_SUSPECTED). Proof that does not count, or none at all, weighs at the policy's
 * {@code chipAuthentication.missing}.
 */
final class ChipAuthenticationCheck implements Check {

    private static final int CHALLENGE_BYTES = 8;

    @Override
    public CheckId id() {
        return CheckId.CHIP_AUTHENTICATION;
    }

    @Override
    public Finding run(VerificationContext context) {
        Level missing = context.policy().chipAuthenticationMissingLevel();
        SubIndication notPerformed = SubIndication.CHIP_AUTHENTICATION_NOT_PERFORMED;
        return switch (context.evidence().chipAuthentication()) {
            case ChipAuthentication.Ca ca -> {
                if (!ca.confirmed()) {
                    yield Finding.failed(SubIndication.CLONE_SUSPECTED, "chip.ca.failed");
                }
                if (!context.coveredByVerifiedSod(14)) {
                    yield Finding.indeterminateAt(missing, notPerformed, "chip.ca.notCovered");
                }
                yield Finding.passed("chip.ca.ok", ca.protocolOid());
            }
            case ChipAuthentication.Aa aa -> {
                Optional<Parsed<PublicKey>> dg15 = context.dg15();
                if (dg15.isEmpty() || !dg15.get().isOk()) {
                    yield Finding.indeterminateAt(missing, notPerformed, "chip.aa.noKey");
                }
                if (!context.coveredByVerifiedSod(15)) {
                    yield Finding.indeterminateAt(missing, notPerformed, "chip.aa.notCovered");
                }
                if (aa.challenge().length != CHALLENGE_BYTES) {
                    yield Finding.indeterminateAt(missing, notPerformed, "chip.aa.badChallenge",
                            aa.challenge().length);
                }
                PublicKey key = dg15.get().orElseThrow();
                Optional<String> algorithm = VerificationContext.value(context.dg14())
                        .flatMap(Dg14Data::activeAuthenticationAlgorithmOid);
                String name = ActiveAuthenticationSignature.describe(key, algorithm);
                yield ActiveAuthenticationSignature.verify(key, algorithm, aa.challenge(), aa.response())
                        ? Finding.passed("chip.aa.ok", name)
                        : Finding.failed(SubIndication.CLONE_SUSPECTED, "chip.aa.failed", name);
            }
            case ChipAuthentication.None none -> Finding.indeterminateAt(missing, notPerformed, "chip.none");
        };
    }
}
