package vn.clinicterm.cardsim;

import java.security.KeyPair;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Everything a simulated chip holds: its files (raw EF bytes, exactly as a terminal reads them) and its private keys.
 *
 * @param files file identifier (e.g. {@code 0x0101} for DG1, {@code 0x011C} for EF.CardAccess) to the EF's bytes
 * @param chipAuthenticationKey the key the chip uses for Chip Authentication (brainpoolP256r1); for the clone
 *     profile it differs from the one DG14 publishes
 * @param activeAuthenticationKey the key the chip signs INTERNAL AUTHENTICATE with (EC or RSA); for the clone profile
 *     it differs from the one DG15 publishes
 * @param profiles the fault profiles this image was built with
 */
public record CardImage(
        SimCitizen citizen,
        Map<Short, byte[]> files,
        KeyPair chipAuthenticationKey,
        KeyPair activeAuthenticationKey,
        Set<FaultProfile> profiles) {

    public static final short EF_CARD_ACCESS = 0x011C;
    public static final short EF_COM = 0x011E;
    public static final short EF_SOD = 0x011D;
    public static final short EF_DG1 = 0x0101;
    public static final short EF_DG2 = 0x0102;
    public static final short EF_DG3 = 0x0103;
    public static final short EF_DG13 = 0x010D;
    public static final short EF_DG14 = 0x010E;
    public static final short EF_DG15 = 0x010F;

    public CardImage {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        profiles = Set.copyOf(profiles);
    }

    public boolean has(FaultProfile profile) {
        return profiles.contains(profile);
    }

    /** A copy of one file's bytes, or null when the chip has no such file. */
    public byte[] file(short fid) {
        byte[] bytes = files.get(fid);
        return bytes == null ? null : bytes.clone();
    }
}
