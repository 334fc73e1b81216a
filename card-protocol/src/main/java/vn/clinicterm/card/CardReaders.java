package vn.clinicterm.card;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import vn.clinicterm.card.internal.PcscContext;

/**
 * The card readers of this machine: a listing, and a watch that turns hot-plug and card insert/remove into
 * {@link CardEvent}s.
 *
 * <p>When the card service is absent at start, the JDK quietly hands out a factory of type "None"; this class reports
 * that as {@link CardEvent.ServiceUnavailable} and keeps retrying. When pcscd restarts, the JDK's PC/SC context is
 * dead for the rest of the process; {@link PcscContext} re-creates it where the JVM allows it (the launcher opens
 * {@code java.smartcardio} for that), and otherwise the event's reason says that the application must be restarted.
 */
public final class CardReaders {

    private static final System.Logger LOG = System.getLogger(CardReaders.class.getName());

    private final Supplier<TerminalFactory> factories;
    private final boolean platformPcsc;
    private volatile TerminalFactory factory;

    private CardReaders(Supplier<TerminalFactory> factories, boolean platformPcsc) {
        this.factories = factories;
        this.platformPcsc = platformPcsc;
    }

    /** The machine's PC/SC readers (pcscd on Linux, WinSCard on Windows, CryptoTokenKit on macOS). */
    public static CardReaders platform() {
        return new CardReaders(PcscContext::freshFactory, true);
    }

    /** Readers from another factory, e.g. the simulator's in-JVM readers. */
    public static CardReaders of(TerminalFactory factory) {
        Objects.requireNonNull(factory);
        return new CardReaders(() -> factory, false);
    }

    /** The readers with their card state. */
    public List<ReaderState> list() throws CardServiceUnavailableException {
        List<ReaderState> result = new ArrayList<>();
        for (CardTerminal terminal : terminals()) {
            boolean present;
            try {
                present = terminal.isCardPresent();
            } catch (CardException e) {
                present = false;
            }
            result.add(new ReaderState(terminal.getName(), present));
        }
        return result;
    }

    /** The reader with this name, or the first reader when {@code name} is null. */
    public CardTerminal terminal(String name) throws CardServiceUnavailableException {
        List<CardTerminal> all = terminals();
        for (CardTerminal t : all) {
            if (name == null || t.getName().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private List<CardTerminal> terminals() throws CardServiceUnavailableException {
        TerminalFactory f = factory;
        if (f == null) {
            f = factories.get();
            if ("None".equals(f.getType())) {
                throw new CardServiceUnavailableException(
                        "card service not running (no PC/SC: on Linux start pcscd)", null);
            }
            factory = f;
        }
        try {
            return f.terminals().list();
        } catch (CardException e) {
            if (PcscContext.isNoReaders(e)) {
                return List.of();
            }
            factory = null;
            if (platformPcsc && PcscContext.isServiceGone(e)) {
                String why = PcscContext.reset();
                throw new CardServiceUnavailableException("card service not reachable"
                        + (why == null ? " (will reconnect)" : " (" + why + ")"), e);
            }
            throw new CardServiceUnavailableException("card service error: " + PcscContext.describe(e), e);
        }
    }

    /**
     * Watches readers and cards until the returned handle is closed, calling {@code listener} from a task on
     * {@code executor}. The first events describe the current state (service, readers, cards present). Listeners must
     * be quick and must not throw.
     */
    public AutoCloseable watch(Consumer<CardEvent> listener, Executor executor, Duration pollInterval) {
        Watch watch = new Watch(listener, pollInterval);
        executor.execute(watch);
        return watch;
    }

    private final class Watch implements Runnable, AutoCloseable {
        private final Consumer<CardEvent> listener;
        private final Duration interval;
        private volatile boolean closed;

        Watch(Consumer<CardEvent> listener, Duration interval) {
            this.listener = listener;
            this.interval = interval;
        }

        @Override
        public void run() {
            Map<String, Boolean> known = new HashMap<>();
            Boolean available = null;
            String lastReason = null;
            while (!closed) {
                List<ReaderState> now;
                try {
                    now = list();
                    if (!Boolean.TRUE.equals(available)) {
                        emit(new CardEvent.ServiceAvailable());
                        available = true;
                        lastReason = null;
                    }
                } catch (CardServiceUnavailableException e) {
                    if (!Boolean.FALSE.equals(available) || !e.getMessage().equals(lastReason)) {
                        for (String reader : known.keySet()) {
                            emit(new CardEvent.ReaderDetached(reader));
                        }
                        known.clear();
                        emit(new CardEvent.ServiceUnavailable(e.getMessage()));
                        available = false;
                        lastReason = e.getMessage();
                    }
                    sleep(interval.multipliedBy(4));
                    continue;
                }
                Map<String, Boolean> seen = new HashMap<>();
                for (ReaderState r : now) {
                    seen.put(r.name(), r.cardPresent());
                    Boolean before = known.get(r.name());
                    if (before == null) {
                        emit(new CardEvent.ReaderAttached(r.name()));
                        if (r.cardPresent()) {
                            emit(new CardEvent.CardInserted(r.name()));
                        }
                    } else if (before != r.cardPresent()) {
                        emit(r.cardPresent() ? new CardEvent.CardInserted(r.name())
                                : new CardEvent.CardRemoved(r.name()));
                    }
                }
                for (String reader : known.keySet()) {
                    if (!seen.containsKey(reader)) {
                        if (known.get(reader)) {
                            emit(new CardEvent.CardRemoved(reader));
                        }
                        emit(new CardEvent.ReaderDetached(reader));
                    }
                }
                known.clear();
                known.putAll(seen);
                waitForChange();
            }
        }

        private void waitForChange() {
            TerminalFactory f = factory;
            if (f == null) {
                sleep(interval);
                return;
            }
            try {
                f.terminals().waitForChange(Math.max(1, interval.toMillis()));
            } catch (CardException | IllegalStateException e) {
                sleep(interval);
            }
        }

        private void emit(CardEvent event) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "card event listener threw; ignored", e);
            }
        }

        private void sleep(Duration d) {
            try {
                Thread.sleep(d);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
