package vn.clinicterm.cardsim.internal;

import java.time.Duration;
import java.util.Objects;
import vn.clinicterm.cardsim.LinkModel;
import vn.clinicterm.cardsim.VirtualCard;

/**
 * Makes each APDU take as long as a contactless link would need to carry it: the answer is held back for the time
 * the {@link LinkModel} gives for that command and response. The chip's own processing time comes on top, so a slow
 * chip on a slow link is slower still, as it would be in the field.
 */
public final class LinkDelayCard implements VirtualCard {

    /** How the delay is spent; tests pass a recording one instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final VirtualCard card;
    private final LinkModel link;
    private final Sleeper sleeper;

    public LinkDelayCard(VirtualCard card, LinkModel link, Sleeper sleeper) {
        this.card = Objects.requireNonNull(card, "card");
        this.link = Objects.requireNonNull(link, "link");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public byte[] atr() {
        return card.atr();
    }

    @Override
    public void powerOn() {
        card.powerOn();
    }

    @Override
    public void powerOff() {
        card.powerOff();
    }

    @Override
    public byte[] transmit(byte[] commandApdu) {
        int commandLength = commandApdu.length;
        byte[] response;
        try {
            response = card.transmit(commandApdu);
        } catch (CardRemovedException e) {
            pause(link.modelledTime(commandLength, 0));
            throw e;
        }
        pause(link.modelledTime(commandLength, response.length));
        return response;
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            // Keep the interrupt for whoever owns the thread; the answer is still delivered.
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return card + " over " + link;
    }
}
