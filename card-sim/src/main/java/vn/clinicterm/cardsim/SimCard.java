package vn.clinicterm.cardsim;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import vn.clinicterm.cardsim.internal.CccdChip;

/**
 * A simulated CCCD: a synthetic citizen's card image (files + keys) and the chip that serves it.
 *
 * <pre>{@code
 * SimCard card = SimCard.builder().citizen(1).profiles(Set.of(FaultProfile.CLONE)).build();
 * VirtualCard chip = card.chip();
 * }</pre>
 */
public final class SimCard {

    private final CardImage image;
    private final CccdChip chip;

    private SimCard(CardImage image, CccdChip chip) {
        this.image = image;
        this.chip = chip;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SimCitizen citizen() {
        return image.citizen();
    }

    public CardImage image() {
        return image;
    }

    /** The chip; the same instance for the life of this card. */
    public VirtualCard chip() {
        return chip;
    }

    /** APDUs the chip has answered so far. */
    public long apduCount() {
        return chip.apduCount();
    }

    /** Builds a card; by default citizen 1, genuine, the standard test PKI, a strong random source. */
    public static final class Builder {
        private SimCitizen citizen;
        private Set<FaultProfile> profiles = EnumSet.noneOf(FaultProfile.class);
        private TestPki pki;
        private SecureRandom random;
        private int tearAfterApdus;

        private Builder() {}

        public Builder citizen(int n) {
            this.citizen = SyntheticCitizens.citizen(n);
            return this;
        }

        public Builder citizen(SimCitizen citizen) {
            this.citizen = Objects.requireNonNull(citizen);
            return this;
        }

        public Builder profiles(Set<FaultProfile> profiles) {
            this.profiles = profiles.isEmpty() ? EnumSet.noneOf(FaultProfile.class) : EnumSet.copyOf(profiles);
            return this;
        }

        public Builder profile(FaultProfile profile) {
            this.profiles.add(profile);
            return this;
        }

        public Builder pki(TestPki pki) {
            this.pki = Objects.requireNonNull(pki);
            return this;
        }

        /** The chip's randomness (nonces, ephemeral keys); tests may pass a scripted one. */
        public Builder random(SecureRandom random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** With {@link FaultProfile#TEAR}: how many APDUs the card answers before it leaves the field (default 40). */
        public Builder tearAfterApdus(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("tear count must be at least 1");
            }
            this.tearAfterApdus = count;
            return this;
        }

        public SimCard build() {
            SimCitizen who = citizen != null ? citizen : SyntheticCitizens.citizen(1);
            TestPki trust = pki != null ? pki : TestPki.standard();
            CardImage image = CardImages.build(who, trust, profiles);
            SecureRandom rng = random != null ? random : new SecureRandom();
            return new SimCard(image, new CccdChip(image, CccdChip.Behaviour.of(image, tearAfterApdus), rng));
        }
    }
}
