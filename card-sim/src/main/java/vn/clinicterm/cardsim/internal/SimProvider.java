package vn.clinicterm.cardsim.internal;

import java.io.Serial;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/**
 * A security provider offering one {@code TerminalFactory} type bound to one set of readers. It is passed to
 * {@code TerminalFactory.getInstance} directly and never registered with {@code Security}, so it cannot shadow the
 * real PC/SC provider anywhere else in the JVM.
 */
public final class SimProvider extends Provider {

    @Serial
    private static final long serialVersionUID = 1L;

    public SimProvider(String type, SimReaders readers) {
        super("ClinicTermSim", "1.0", "ClinicTerm in-JVM card readers (simulation only)");
        putService(new FactoryService(this, type, readers));
    }

    /** Builds the SPI itself; the default would reflect on a class in a package the module does not export. */
    private static final class FactoryService extends Service {
        private final transient SimReaders readers;

        FactoryService(Provider provider, String type, SimReaders readers) {
            super(provider, "TerminalFactory", type, SimTerminalFactorySpi.class.getName(), List.of(), Map.of());
            this.readers = readers;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            return new SimTerminalFactorySpi(readers);
        }
    }
}
