package vn.clinicterm.cardsim.internal;

import java.util.Arrays;

/**
 * A parsed command APDU (ISO 7816-4 cases 1–4, short and extended).
 *
 * @param ne the expected response length (0 when no Le; 256 or 65536 for a zero Le)
 * @param extended whether the APDU used extended length fields
 */
public record Command(int cla, int ins, int p1, int p2, byte[] data, int ne, boolean extended) {

    /** Thrown for an APDU whose length fields do not add up. */
    public static final class WrongLengthException extends Exception {
        public WrongLengthException(String message) {
            super(message);
        }
    }

    public int p1p2() {
        return (p1 << 8) | p2;
    }

    public static Command parse(byte[] apdu) throws WrongLengthException {
        if (apdu.length < 4) {
            throw new WrongLengthException("APDU shorter than a header");
        }
        int cla = apdu[0] & 0xFF;
        int ins = apdu[1] & 0xFF;
        int p1 = apdu[2] & 0xFF;
        int p2 = apdu[3] & 0xFF;
        int n = apdu.length;
        if (n == 4) {
            return new Command(cla, ins, p1, p2, new byte[0], 0, false);
        }
        int b4 = apdu[4] & 0xFF;
        if (n == 5) {
            return new Command(cla, ins, p1, p2, new byte[0], b4 == 0 ? 256 : b4, false);
        }
        if (b4 != 0) {
            int lc = b4;
            if (n == 5 + lc) {
                return new Command(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, 5 + lc), 0, false);
            }
            if (n == 6 + lc) {
                int le = apdu[n - 1] & 0xFF;
                return new Command(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, 5 + lc), le == 0 ? 256 : le, false);
            }
            throw new WrongLengthException("short APDU length fields do not match");
        }
        if (n == 7) {
            int le = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
            return new Command(cla, ins, p1, p2, new byte[0], le == 0 ? 65536 : le, true);
        }
        if (n < 8) {
            throw new WrongLengthException("extended APDU too short");
        }
        int lc = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
        if (lc == 0) {
            throw new WrongLengthException("extended Lc of zero");
        }
        if (n == 7 + lc) {
            return new Command(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 7, 7 + lc), 0, true);
        }
        if (n == 9 + lc) {
            int le = ((apdu[n - 2] & 0xFF) << 8) | (apdu[n - 1] & 0xFF);
            return new Command(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 7, 7 + lc), le == 0 ? 65536 : le, true);
        }
        throw new WrongLengthException("extended APDU length fields do not match");
    }

    /** Whether the raw APDU bytes use extended length fields (without parsing the rest). */
    public static boolean isExtended(byte[] apdu) {
        return apdu.length >= 7 && apdu[4] == 0;
    }
}
