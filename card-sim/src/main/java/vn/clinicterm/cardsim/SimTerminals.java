package vn.clinicterm.cardsim;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.smartcardio.TerminalFactory;
import vn.clinicterm.cardsim.internal.SimProvider;
import vn.clinicterm.cardsim.internal.SimReaders;

/**
 * Card readers inside the JVM, seen through {@code javax.smartcardio} like PC/SC readers, for machines without
 * pcscd (the GUI demo on Windows or macOS) and for fast tests.
 *
 * <p>{@link #factory()} is an ordinary {@link TerminalFactory} of type {@value #TYPE}; nothing is registered with
 * {@code java.security.Security}. Its terminals behave as the JDK's PC/SC ones do: {@code list(State)} including the
 * {@code CARD_INSERTION} and {@code CARD_REMOVAL} events since the last {@code waitForChange}, which returns as a card
 * is inserted or removed; {@code connect("*" | "T=1" | "T=CL")}; after removal the connection's next transmit throws
 * {@link javax.smartcardio.CardException} and later calls {@link IllegalStateException}; a
 * {@link VirtualCard.CardRemovedException} from the chip counts as removal from its reader. The channel joins
 * {@code 61xx} responses with GET RESPONSE and resends on {@code 6Cxx}, as the JDK does by default. Logical channels
 * other than 0 and control commands fail with {@code CardException}; {@code beginExclusive} and
 * {@code endExclusive} do nothing.
 *
 * <p>Inserting powers the card on, removing powers it off. Each reader serialises the calls into its card.
 */
public final class SimTerminals {

    /** The {@code TerminalFactory} type, for {@link TerminalFactory#getType()}. */
    public static final String TYPE = "ClinicTermSim";
    /** Reader names are this prefix and an index from 0. */
    public static final String READER_NAME_PREFIX = "ClinicTerm Virtual Reader ";

    private final SimReaders readers;
    private final TerminalFactory factory;

    private SimTerminals(List<String> names) {
        this.readers = new SimReaders(names);
        try {
            this.factory = TerminalFactory.getInstance(TYPE, null, new SimProvider(TYPE, readers));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("own provider refused its own factory type", e);
        }
    }

    /** {@code count} empty readers named "ClinicTerm Virtual Reader 0", "… 1", …. */
    public static SimTerminals withReaders(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one reader, not " + count);
        }
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(READER_NAME_PREFIX + i);
        }
        return new SimTerminals(names);
    }

    /** Empty readers with the given names, e.g. to mimic a particular PC/SC reader. */
    public static SimTerminals withReaderNames(List<String> names) {
        return new SimTerminals(List.copyOf(names));
    }

    /** The factory to hand to code that takes a {@link TerminalFactory}. */
    public TerminalFactory factory() {
        return factory;
    }

    public List<String> readerNames() {
        return readers.names();
    }

    /**
     * Puts {@code card} into the reader and powers it on; a card already there is removed first, so watchers see
     * a removal and an insertion.
     *
     * @throws IllegalArgumentException for an unknown reader name
     */
    public void insert(String readerName, VirtualCard card) {
        readers.insert(readerName, Objects.requireNonNull(card, "card"));
    }

    /** Takes the card out of the reader and powers it off; an empty reader stays empty. */
    public void remove(String readerName) {
        readers.remove(readerName);
    }

    public boolean isCardPresent(String readerName) {
        return readers.isPresent(readerName);
    }

    @Override
    public String toString() {
        return "SimTerminals" + readers.names();
    }
}
