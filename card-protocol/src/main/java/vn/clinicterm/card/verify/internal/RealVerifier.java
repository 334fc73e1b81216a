package vn.clinicterm.card.verify.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.CheckResult;
import vn.clinicterm.card.verify.CheckStatus;
import vn.clinicterm.card.verify.Indication;
import vn.clinicterm.card.verify.SubIndication;
import vn.clinicterm.card.verify.VerificationPolicy;
import vn.clinicterm.card.verify.VerificationPolicy.Level;
import vn.clinicterm.card.verify.VerificationReport;
import vn.clinicterm.card.verify.Verifier;

/**
 * Runs every check in {@link CheckId} order, weighs each finding with the policy, and derives the verdict: FAILED if
 * any check is FAILED, else INDETERMINATE if any is INDETERMINATE, else PASSED; the sub-indication is the first
 * decisive check's. Each check runs behind a boundary: whatever it throws becomes an INDETERMINATE result
 * ({@link SubIndication#VERIFIER_ERROR}) naming only the exception's class.
 */
public final class RealVerifier implements Verifier {

    private static final List<Check> CHECKS = List.of(
            new SodFormatCheck(),
            new SodSignatureCheck(),
            new DataGroupHashCheck(),
            new UnsignedDataGroupCheck(),
            new UnreadDataGroupCheck(),
            new CertificatePathCheck(),
            new CertificateValidityCheck(),
            new RevocationCheck(),
            new AlgorithmCheck(),
            new ChipAuthenticationCheck(),
            new DataGroupFormatCheck(),
            new AccessKeyConsistencyCheck(),
            new Dg13ConsistencyCheck(),
            new ComConsistencyCheck(),
            new DocumentExpiryCheck());

    static {
        List<CheckId> order = CHECKS.stream().map(Check::id).toList();
        if (!order.equals(List.of(CheckId.values()))) {
            throw new ExceptionInInitializerError("checks out of CheckId order: " + order);
        }
    }

    private final TrustStore trustStore;
    private final VerificationPolicy policy;
    private final Clock clock;
    private final SecureRandom random;

    public RealVerifier(TrustStore trustStore, VerificationPolicy policy, Clock clock, SecureRandom random) {
        this.trustStore = Objects.requireNonNull(trustStore);
        this.policy = Objects.requireNonNull(policy);
        this.clock = Objects.requireNonNull(clock);
        this.random = Objects.requireNonNull(random);
    }

    @Override
    public byte[] newActiveAuthenticationChallenge() {
        byte[] challenge = new byte[8];
        random.nextBytes(challenge);
        return challenge;
    }

    @Override
    public VerificationReport verify(ChipEvidence evidence) {
        Instant now = clock.instant();
        VerificationContext context = new VerificationContext(evidence, trustStore, policy, now);
        List<CheckResult> results = new ArrayList<>();
        for (Check check : CHECKS) {
            Level level = policy.level(check.id());
            if (level == Level.IGNORE) {
                results.add(new CheckResult(check.id(), CheckStatus.SKIPPED, "check.ignored", List.of(),
                        Optional.empty()));
                continue;
            }
            results.add(weigh(check.id(), level, runGuarded(check, context)));
        }
        return verdict(results, now);
    }

    private static Finding runGuarded(Check check, VerificationContext context) {
        try {
            return check.run(context);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // a library message may quote file content, so only the class name goes into the report
            return Finding.indeterminate(SubIndication.VERIFIER_ERROR, "check.error", e.getClass().getSimpleName());
        }
    }

    static CheckResult weigh(CheckId id, Level checkLevel, Finding finding) {
        return switch (finding) {
            case Finding.Passed p -> new CheckResult(id, CheckStatus.PASSED, p.messageKey(), p.args(), Optional.empty());
            case Finding.Skipped s -> new CheckResult(id, CheckStatus.SKIPPED, s.messageKey(), s.args(),
                    Optional.empty());
            case Finding.Failed f -> new CheckResult(id, status(f.level().orElse(checkLevel), CheckStatus.FAILED),
                    f.messageKey(), f.args(), Optional.of(f.subIndication()));
            case Finding.Indeterminate i -> new CheckResult(id,
                    status(i.level().orElse(checkLevel), CheckStatus.INDETERMINATE), i.messageKey(), i.args(),
                    Optional.of(i.subIndication()));
        };
    }

    private static CheckStatus status(Level level, CheckStatus decisive) {
        return switch (level) {
            case FAIL -> decisive;
            case WARN -> CheckStatus.WARNING;
            case INFORM -> CheckStatus.INFO;
            case IGNORE -> CheckStatus.SKIPPED;
        };
    }

    private VerificationReport verdict(List<CheckResult> results, Instant now) {
        for (CheckStatus decisive : List.of(CheckStatus.FAILED, CheckStatus.INDETERMINATE)) {
            for (CheckResult r : results) {
                if (r.status() == decisive) {
                    return new VerificationReport(decisive == CheckStatus.FAILED ? Indication.FAILED
                            : Indication.INDETERMINATE, r.subIndication(), results, now, policy.name());
                }
            }
        }
        // the policy cannot weaken these, so this only guards against a defect in a check
        for (CheckId core : VerificationPolicy.DECISIVE) {
            if (results.get(core.ordinal()).status() != CheckStatus.PASSED) {
                return new VerificationReport(Indication.INDETERMINATE, Optional.of(SubIndication.VERIFIER_ERROR),
                        results, now, policy.name());
            }
        }
        return new VerificationReport(Indication.PASSED, Optional.empty(), results, now, policy.name());
    }
}
