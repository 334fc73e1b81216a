package vn.clinicterm.cardsim.internal;

/**
 * Reads the shape of an APDU (lengths, INS, status word) without keeping any of its bytes, so traces can describe
 * an exchange that carried personal data.
 */
public final class ApduLengths {

    private ApduLengths() {}

    /** The INS byte, or -1 when the command is too short to have one. */
    public static int ins(byte[] command) {
        return command.length >= 2 ? command[1] & 0xFF : -1;
    }

    /** The CLA byte, or -1 for an empty command. */
    public static int cla(byte[] command) {
        return command.length >= 1 ? command[0] & 0xFF : -1;
    }

    /**
     * Whether the command says it is secure-messaging wrapped. Only the interindustry classes (b8 = 0) carry the SM
     * indication in b4 and b3; a proprietary class (b8 = 1) never counts.
     */
    public static boolean secureMessaging(byte[] command) {
        int cla = cla(command);
        return cla >= 0 && (cla & 0x80) == 0 && (cla & 0x0C) != 0;
    }

    /** SW1 SW2 as one number, or -1 when the response has fewer than two bytes. */
    public static int statusWord(byte[] response) {
        if (response.length < 2) {
            return -1;
        }
        return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    }

    /**
     * Nc, the length of the command data field (ISO/IEC 7816-4 cases 1 to 4, short and extended). A command whose
     * length bytes do not fit its size counts with whatever bytes follow the header, so a malformed command still
     * gets a sensible figure rather than an exception.
     */
    public static int commandDataLength(byte[] command) {
        int n = command.length;
        if (n <= 5) {
            return 0; // case 1, case 2 short, or too short to have a body
        }
        int b5 = command[4] & 0xFF;
        if (b5 != 0) {
            return Math.min(b5, n - 5);
        }
        if (n == 7) {
            return 0; // case 2 extended: 00 Le1 Le2
        }
        int lc = ((command[5] & 0xFF) << 8) | (command[6] & 0xFF);
        return Math.min(lc, n - 7);
    }

    /** Response data length: everything before SW1 SW2. */
    public static int responseDataLength(byte[] response) {
        return Math.max(0, response.length - 2);
    }
}
