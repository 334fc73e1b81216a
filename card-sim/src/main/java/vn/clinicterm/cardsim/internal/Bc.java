package vn.clinicterm.cardsim.internal;

import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** Registers BouncyCastle once: brainpool curves with explicit parameters and RSASSA-PSS need provider "BC". */
public final class Bc {

    public static final String PROVIDER = BouncyCastleProvider.PROVIDER_NAME;

    private Bc() {}

    public static void ensureRegistered() {
        if (Security.getProvider(PROVIDER) == null) {
            synchronized (Bc.class) {
                if (Security.getProvider(PROVIDER) == null) {
                    Security.addProvider(new BouncyCastleProvider());
                }
            }
        }
    }
}
