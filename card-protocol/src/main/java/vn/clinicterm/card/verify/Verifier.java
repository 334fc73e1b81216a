package vn.clinicterm.card.verify;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.verify.internal.CryptoWarmup;
import vn.clinicterm.card.verify.internal.RealVerifier;

/**
 * Judges {@link ChipEvidence}: facts (the evidence), policy, trust and a clock in, a {@link VerificationReport} out.
 * It needs no reader, so saved evidence can be judged again later.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #verify} never throws for any evidence content: a forged signature, a hash mismatch or a hostile
 *       file is a result. A check that breaks is reported {@link CheckStatus#INDETERMINATE} with
 *       {@link SubIndication#VERIFIER_ERROR}, never PASSED.
 *   <li>An unknown CSCA gives {@link Indication#INDETERMINATE}, never FAILED (the chip may be genuine) and never
 *       PASSED.
 *   <li>A clone check counts only when the DG14 (Chip Authentication) or DG15 (Active Authentication) it used is
 *       covered by the SOD whose signature verified and whose hash for it matched.
 *   <li>Thread-safe; a verification takes a few milliseconds once the crypto is warm (see {@link #prewarm()}).
 * </ul>
 */
public interface Verifier {

    VerificationReport verify(ChipEvidence evidence);

    /**
     * Eight fresh random bytes for Active Authentication's INTERNAL AUTHENTICATE, from the builder's random source.
     * The reader records the challenge with the answer in {@link vn.clinicterm.card.ChipAuthentication.Aa}.
     */
    byte[] newActiveAuthenticationChallenge();

    static Builder builder() {
        return new Builder();
    }

    /**
     * Loads and exercises the verification crypto (BouncyCastle, the explicit brainpoolP512r1 curve, SHA-256/512, a
     * CMS signature over a certificate path) so the first card after launch verifies as fast as the next. Call it
     * once in the background at launch; it is idempotent and never throws.
     */
    static void prewarm() {
        CryptoWarmup.run();
    }

    final class Builder {
        private TrustStore trustStore;
        private VerificationPolicy policy;
        private Clock clock = Clock.systemUTC();
        private SecureRandom random;

        private Builder() {}

        public Builder trustStore(TrustStore trustStore) {
            this.trustStore = Objects.requireNonNull(trustStore);
            return this;
        }

        /** Default: {@link VerificationPolicy#clinicDefault()}. */
        public Builder policy(VerificationPolicy policy) {
            this.policy = Objects.requireNonNull(policy);
            return this;
        }

        /** The time validity, revocation freshness and document expiry are judged at. Default: system UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** The source of Active Authentication challenges. Default: a new {@link SecureRandom}. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** @throws IllegalStateException without a trust store */
        public Verifier build() {
            if (trustStore == null) {
                throw new IllegalStateException("a Verifier needs a trust store");
            }
            return new RealVerifier(trustStore, policy != null ? policy : VerificationPolicy.clinicDefault(), clock,
                    random != null ? random : new SecureRandom());
        }
    }
}
