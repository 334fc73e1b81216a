package vn.clinicterm.terminal.app;

import java.util.Optional;
import vn.clinicterm.cardsim.FaultProfile;

/**
 * The demo tray: synthetic cards, each showing one thing the counter must handle. Citizens and their insurance
 * status come from card-sim's {@code SyntheticCitizens} and central-sim's {@code InsuredPeople}; nobody is real.
 *
 * @param citizen the synthetic citizen on the card
 * @param fault how the chip misbehaves, if it does
 */
public enum DemoCard {
    /** Citizen 1: genuine chip, insured. */
    GENUINE(1, null),
    /** Citizen 10: genuine chip, but the card itself expired (insured all the same). */
    EXPIRED(10, null),
    /** Citizen 7: genuine chip, not in the insurance register. */
    NOT_INSURED(7, null),
    /** Citizen 2: the chip does not hold the keys its signed data publishes. */
    CLONE(2, FaultProfile.CLONE),
    /** Citizen 4: data changed after the issuer signed it. */
    TAMPERED(4, FaultProfile.TAMPERED_DG),
    /** Citizen 6: signed by a CSCA no trust store knows. */
    UNKNOWN_ISSUER(6, FaultProfile.UNKNOWN_CSCA);

    private final int citizen;
    private final FaultProfile fault;

    DemoCard(int citizen, FaultProfile fault) {
        this.citizen = citizen;
        this.fault = fault;
    }

    public int citizen() {
        return citizen;
    }

    public Optional<FaultProfile> fault() {
        return Optional.ofNullable(fault);
    }

    /** The bundle key of the tray label: {@code demo.card.<name>}. */
    public String labelKey() {
        return "demo.card." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
