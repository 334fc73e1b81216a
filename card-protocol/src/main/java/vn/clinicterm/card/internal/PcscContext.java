package vn.clinicterm.card.internal;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.security.NoSuchAlgorithmException;
import javax.smartcardio.TerminalFactory;

/**
 * The JDK's PC/SC binding and its moods.
 *
 * <p>The JDK opens one PC/SC context per process and never re-opens it: after pcscd restarts, every call fails with
 * {@code SCARD_E_NO_SERVICE}, new factories included. {@link #reset()} forgets that context (and the cached reader
 * objects) so that the next factory opens a fresh one. It needs {@code --add-opens
 * java.smartcardio/sun.security.smartcardio=ALL-UNNAMED}, which the launcher passes; without it the reason comes back.
 */
public final class PcscContext {

    private PcscContext() {}

    static final String LIBRARY_PROPERTY = "sun.security.smartcardio.library";

    /** Where Linux distributions put the PC/SC client library; the JDK only looks for an unversioned dev symlink. */
    static final List<Path> LINUX_LIBRARIES = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/libpcsclite.so.1"), Path.of("/usr/lib/aarch64-linux-gnu/libpcsclite.so.1"),
            Path.of("/usr/lib64/libpcsclite.so.1"), Path.of("/usr/lib/libpcsclite.so.1"));

    /** A new PC/SC factory, or the JDK's "None" factory when PC/SC cannot be initialised. */
    public static TerminalFactory freshFactory() {
        locateLibrary();
        try {
            return TerminalFactory.getInstance("PC/SC", null);
        } catch (NoSuchAlgorithmException e) {
            return TerminalFactory.getDefault();
        }
    }

    /**
     * On Linux, points the JDK at {@code libpcsclite.so.1} when nobody set {@value #LIBRARY_PROPERTY}: the JDK looks for
     * {@code /usr/lib/<isa>/libpcsclite.so}, which only the development package installs, so an installed bundle
     * would otherwise report PC/SC as missing. Must run before the JDK's PC/SC class first loads.
     */
    static synchronized void locateLibrary() {
        if (System.getProperty(LIBRARY_PROPERTY) != null
                || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return;
        }
        LINUX_LIBRARIES.stream().filter(Files::isReadable).findFirst()
                .ifPresent(lib -> System.setProperty(LIBRARY_PROPERTY, lib.toString()));
    }

    /** Whether the exception says the card service went away (pcscd stopped or restarted). */
    public static boolean isServiceGone(Throwable e) {
        String text = describe(e);
        return text.contains("SCARD_E_NO_SERVICE") || text.contains("SCARD_E_SERVICE_STOPPED")
                || text.contains("SCARD_E_INVALID_HANDLE");
    }

    public static boolean isNoReaders(Throwable e) {
        return describe(e).contains("SCARD_E_NO_READERS_AVAILABLE");
    }

    /** The exception's messages along its cause chain, for matching PC/SC error names. */
    public static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append("; ");
        }
        return out.toString();
    }

    /**
     * Forgets the dead PC/SC context.
     *
     * @return null when done, else why it could not be done (for the "restart the application" message)
     */
    public static synchronized String reset() {
        try {
            Class<?> terminals = Class.forName("sun.security.smartcardio.PCSCTerminals");
            Field context = terminals.getDeclaredField("contextId");
            context.setAccessible(true);
            context.setLong(null, 0L);
            Field cache = terminals.getDeclaredField("terminals");
            cache.setAccessible(true);
            ((Map<?, ?>) cache.get(null)).clear();
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "restart ClinicTerm to reconnect: this Java runtime cannot re-open PC/SC ("
                    + e.getClass().getSimpleName() + ")";
        }
    }

    /** Whether the exception chain holds a transport failure (the reader or PC/SC), not an answer from the chip. */
    public static boolean isTransportFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.smartcardio.CardException) {
                return true;
            }
        }
        return isCardGone(e);
    }

    /** Whether the exception chain says the card left the reader. */
    public static boolean isCardGone(Throwable e) {
        String text = describe(e);
        return text.contains("SCARD_W_REMOVED_CARD") || text.contains("SCARD_E_NOT_TRANSACTED")
                || text.contains("SCARD_E_NO_SMARTCARD") || text.contains("SCARD_W_RESET_CARD")
                || text.contains("Card has been removed") || text.contains("apdu must be at least 2 bytes long")
                || text.contains("SCARD_W_UNPOWERED_CARD") || text.contains("SCARD_E_READER_UNAVAILABLE");
    }

}
