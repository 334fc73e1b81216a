package vn.clinicterm.cardsim;

import java.io.EOFException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import vn.clinicterm.cardsim.internal.VpcdWire;

/**
 * Puts a {@link VirtualCard} into a PC/SC reader: the card connects, as a client, to the vpcd driver that pcscd
 * loads (vsmartcard), and every program on the machine then sees a card in that reader ("Virtual PCD 00 00" for port
 * 35963, "Virtual PCD 00 01" for 35964).
 *
 * <p>After {@link #start()} one task on the executor serves the connection until {@link #close()}. When pcscd is not
 * listening yet, or the connection drops (pcscd restarted), it keeps trying with a backoff that doubles up to a
 * cap, for as long as the client is open. Each change of state is logged once, at INFO; APDUs never are.
 *
 * <p>Card presence follows the connection: {@link #remove()} closes it and the reader reports the card gone;
 * {@link #insert(VirtualCard)} connects again with the given card. A {@link VirtualCard.CardRemovedException} from
 * the chip does the same as {@code remove()} (the command gets no answer); afterwards the card stays out, or comes
 * back on its own if {@link Builder#reinsertAfter(Duration)} was set. vpcd (3.3) reports that unanswered command to
 * pcscd as an empty response rather than an error, so through javax.smartcardio the interrupted
 * {@code transmit(CommandAPDU)} fails with {@link IllegalArgumentException} ("apdu must be at least 2 bytes long")
 * where a real reader gives a {@code CardException}; resetting the connection instead of closing it does not change
 * that.
 *
 * <p>pcscd finds the card at its next presence poll, so a program may see it a few hundred milliseconds after
 * {@link #awaitConnected(Duration)} returns; the same holds for removal.
 */
public final class VpcdCardClient implements AutoCloseable {

    /** Where the client stands. */
    public enum State {
        /** Built, {@link #start()} not called yet. */
        NEW,
        /** Running with no card inserted: after {@link #remove()}, or after a tear with no reinsertion. */
        NO_CARD,
        /** Trying to reach vpcd, or connected and waiting for pcscd's first message. */
        CONNECTING,
        /** pcscd has talked to the card: it is in the reader. */
        CONNECTED,
        /** Closed; the card is out of the reader for good. */
        CLOSED
    }

    private static final System.Logger LOG = System.getLogger(VpcdCardClient.class.getName());
    private static final byte[] SW_NO_PRECISE_DIAGNOSIS = {0x6F, 0x00};

    private final String host;
    private final int port;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration connectTimeout;
    private final Optional<Duration> reinsertAfter;
    private final Executor executor;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final CountDownLatch finished = new CountDownLatch(1);
    // Guarded by lock.
    private VirtualCard card;
    private Socket socket;
    private State state = State.NEW;
    private boolean started;
    private boolean closed;
    // Bumped by every insert, remove and close, so the serving task can tell its own drop from one we caused.
    private long generation;

    private VpcdCardClient(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.connectTimeout = builder.connectTimeout;
        this.reinsertAfter = builder.reinsertAfter;
        this.executor = builder.executor != null ? builder.executor : defaultExecutor(builder.port);
        this.card = builder.card;
    }

    private static Executor defaultExecutor(int port) {
        return task -> Thread.ofVirtual().name("vpcd-card-" + port).start(task);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts serving on the executor; returns at once.
     *
     * @throws IllegalStateException when already started or closed
     */
    public VpcdCardClient start() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("closed");
            }
            if (started) {
                throw new IllegalStateException("already started");
            }
            started = true;
        } finally {
            lock.unlock();
        }
        executor.execute(this::serve);
        return this;
    }

    /**
     * Puts {@code newCard} into the reader. A card already there is taken out first (the reader sees a removal and
     * then an insertion).
     */
    public void insert(VirtualCard newCard) {
        Objects.requireNonNull(newCard, "card");
        lock.lock();
        try {
            checkOpen();
            card = newCard;
            generation++;
            dropSocket();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        log(Level.INFO, "card inserted");
    }

    /** Takes the card out of the reader: the connection closes and the card stays out until {@link #insert}. */
    public void remove() {
        lock.lock();
        try {
            checkOpen();
            card = null;
            generation++;
            dropSocket();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        log(Level.INFO, "card removed");
    }

    /**
     * Waits until pcscd has talked to the card over a fresh connection.
     *
     * @return whether the card is connected; false on timeout or once closed
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (state != State.CONNECTED) {
                if (closed || remaining <= 0) {
                    return false;
                }
                remaining = changed.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the card out and stops the serving task, waiting up to five seconds for it to end. Safe to call twice.
     */
    @Override
    public void close() {
        boolean wasStarted;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            wasStarted = started;
            generation++;
            dropSocket();
            if (!wasStarted) {
                state = State.CLOSED;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (wasStarted) {
            try {
                if (!finished.await(5, TimeUnit.SECONDS)) {
                    log(Level.WARNING, "serving task did not end within 5 s of close");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "VpcdCardClient[" + host + ":" + port + ", " + state() + "]";
    }

    // ---- the serving task ----

    private enum Ending { LOST, TORN }

    private void serve() {
        try {
            Duration backoff = initialBackoff;
            boolean reportedUnreachable = false;
            while (true) {
                VirtualCard current;
                long myGeneration;
                lock.lock();
                try {
                    while (!closed && card == null) {
                        setState(State.NO_CARD);
                        changed.awaitUninterruptibly();
                    }
                    if (closed) {
                        return;
                    }
                    current = card;
                    myGeneration = generation;
                    setState(State.CONNECTING);
                } finally {
                    lock.unlock();
                }

                Socket s = new Socket();
                try {
                    s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
                } catch (IOException e) {
                    closeQuietly(s);
                    if (!reportedUnreachable) {
                        log(Level.INFO, "vpcd not reachable (" + e.getClass().getSimpleName()
                                + "); is pcscd running? retrying, backoff up to " + maxBackoff.toMillis() + " ms");
                        reportedUnreachable = true;
                    }
                    pause(backoff, myGeneration);
                    backoff = min(backoff.multipliedBy(2), maxBackoff);
                    continue;
                }
                if (!adopt(s, myGeneration)) {
                    closeQuietly(s);
                    continue;
                }
                Ending ending = serveConnection(s, current, myGeneration);
                if (ending == null) {
                    // connection failed before pcscd said anything: treat like unreachable
                    pause(backoff, myGeneration);
                    backoff = min(backoff.multipliedBy(2), maxBackoff);
                    continue;
                }
                backoff = initialBackoff;
                reportedUnreachable = false;
                if (ending == Ending.TORN) {
                    afterTear(myGeneration);
                } else if (stillCurrent(myGeneration)) {
                    log(Level.INFO, "connection to vpcd lost (pcscd stopped?); reconnecting");
                }
            }
        } catch (RuntimeException | Error e) {
            log(Level.ERROR, "serving task failed: " + e);
            throw e;
        } finally {
            lock.lock();
            try {
                dropSocket();
                setState(State.CLOSED);
            } finally {
                lock.unlock();
            }
            log(Level.INFO, "closed");
            finished.countDown();
        }
    }

    private boolean adopt(Socket s, long myGeneration) {
        lock.lock();
        try {
            if (closed || generation != myGeneration) {
                return false;
            }
            socket = s;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Serves one connection; null if it ended before pcscd sent anything (so it never counted as connected). */
    private Ending serveConnection(Socket s, VirtualCard current, long myGeneration) {
        boolean spoken = false;
        try {
            VpcdWire wire = new VpcdWire(s);
            while (true) {
                byte[] message = wire.read();
                if (!spoken) {
                    spoken = true;
                    lock.lock();
                    try {
                        if (generation == myGeneration) {
                            setState(State.CONNECTED);
                        }
                    } finally {
                        lock.unlock();
                    }
                    log(Level.INFO, "card in reader");
                }
                if (message.length == 1) {
                    control(wire, current, message[0] & 0xFF);
                    continue;
                }
                byte[] response;
                try {
                    response = current.transmit(message);
                } catch (VirtualCard.CardRemovedException e) {
                    return Ending.TORN;
                } catch (RuntimeException e) {
                    // A chip bug must not take the reader down; answer like a chip with an internal error would.
                    log(Level.WARNING, "card failed on INS " + String.format("%02X", message.length > 1
                            ? message[1] & 0xFF : 0) + ": " + e.getClass().getName());
                    response = SW_NO_PRECISE_DIAGNOSIS;
                }
                if (response.length == 0 || response.length > VpcdWire.MAX_MESSAGE) {
                    // vpcd takes an empty answer for a card that left; a too long one cannot be framed.
                    log(Level.WARNING, "card gave a " + response.length + "-byte response; sending 6F00");
                    response = SW_NO_PRECISE_DIAGNOSIS;
                }
                wire.write(response);
            }
        } catch (EOFException e) {
            return spoken ? Ending.LOST : null;
        } catch (IOException e) {
            return spoken ? Ending.LOST : null;
        } finally {
            lock.lock();
            try {
                if (socket == s) {
                    socket = null;
                }
            } finally {
                lock.unlock();
            }
            closeQuietly(s);
            if (spoken) {
                // The field is gone with the connection, whatever ended it.
                current.powerOff();
            }
        }
    }

    private void control(VpcdWire wire, VirtualCard current, int code) throws IOException {
        switch (code) {
            case VpcdWire.POWER_OFF -> current.powerOff();
            case VpcdWire.POWER_ON -> current.powerOn();
            case VpcdWire.RESET -> {
                current.powerOff();
                current.powerOn();
            }
            case VpcdWire.GET_ATR -> wire.write(current.atr());
            default -> log(Level.DEBUG, "ignoring unknown vpcd control code " + code);
        }
    }

    private void afterTear(long myGeneration) {
        if (reinsertAfter.isPresent()) {
            log(Level.INFO, "card left the field; back in " + reinsertAfter.get().toMillis() + " ms");
            pause(reinsertAfter.get(), myGeneration);
            return;
        }
        lock.lock();
        try {
            if (generation == myGeneration && !closed) {
                card = null;
                generation++;
            }
        } finally {
            lock.unlock();
        }
        log(Level.INFO, "card left the field; it stays out until inserted again");
    }

    private boolean stillCurrent(long myGeneration) {
        lock.lock();
        try {
            return !closed && generation == myGeneration;
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps, but wakes early on insert, remove or close. */
    private void pause(Duration duration, long myGeneration) {
        long remaining = duration.toNanos();
        lock.lock();
        try {
            while (remaining > 0 && !closed && generation == myGeneration) {
                try {
                    remaining = changed.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    // Only close() ends the task; keep serving but remember the interrupt.
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- helpers; callers hold the lock where noted ----

    private void setState(State next) { // holds lock
        if (state != next) {
            state = next;
            changed.signalAll();
        }
    }

    private void dropSocket() { // holds lock
        if (socket != null) {
            closeQuietly(socket);
            socket = null;
        }
    }

    private void checkOpen() { // holds lock
        if (closed) {
            throw new IllegalStateException("closed");
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void log(Level level, String message) {
        LOG.log(level, () -> "vpcd " + host + ":" + port + ": " + message);
    }

    /** Options for a {@link VpcdCardClient}; every one has a default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 35963;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(2);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Optional<Duration> reinsertAfter = Optional.empty();
        private Executor executor;
        private VirtualCard card;

        private Builder() {}

        /** Where pcscd runs; default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** vpcd's port: 35963 for reader "Virtual PCD 00 00" (default), 35964 for "Virtual PCD 00 01". */
        public Builder port(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Retry delay: starts at {@code initial}, doubles after each failure up to {@code max}; 100 ms to 2 s. */
        public Builder backoff(Duration initial, Duration max) {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** How long one TCP connect may take; default 2 s. */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connect timeout must be positive: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * After the chip reports it left the field, put it back after {@code delay}. Without this the card stays
         * out until {@link VpcdCardClient#insert}.
         */
        public Builder reinsertAfter(Duration delay) {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative: " + delay);
            }
            this.reinsertAfter = Optional.of(delay);
            return this;
        }

        /** Runs the serving task; by default a new virtual thread. The task runs until the client is closed. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The card in the reader at start; without one the reader stays empty until {@link #insert}. */
        public Builder card(VirtualCard card) {
            this.card = Objects.requireNonNull(card, "card");
            return this;
        }

        public VpcdCardClient build() {
            return new VpcdCardClient(this);
        }
    }
}
