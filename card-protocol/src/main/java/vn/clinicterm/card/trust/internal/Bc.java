package vn.clinicterm.card.trust.internal;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The store's own BouncyCastle instance, passed explicitly everywhere: SunEC cannot use explicit EC parameters
 * (Vietnam's CSCA), and a private instance does not depend on, or change, the JVM's provider list.
 */
final class Bc {
    static final Provider PROVIDER = new BouncyCastleProvider();

    private Bc() {}
}
