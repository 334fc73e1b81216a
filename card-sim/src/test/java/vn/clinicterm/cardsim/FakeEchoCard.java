package vn.clinicterm.cardsim;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A strict test chip: echoes the command data with 9000, answers INS {@value #INS_MAKE_RESPONSE} with P1P2 bytes of
 * counting data, and leaves the field on INS {@value #INS_TEAR}. Counts power cycles and commands.
 */
final class FakeEchoCard implements VirtualCard {

    static final int INS_MAKE_RESPONSE = 0xCA;
    static final int INS_TEAR = 0xEE;
    /** ISO 14443-4 type A card without historical bytes, as PC/SC readers build it. */
    static final byte[] ATR = {0x3B, (byte) 0x80, (byte) 0x80, 0x01, 0x01};

    final AtomicInteger powerOns = new AtomicInteger();
    final AtomicInteger powerOffs = new AtomicInteger();
    final AtomicInteger commands = new AtomicInteger();

    @Override
    public byte[] atr() {
        return ATR.clone();
    }

    @Override
    public void powerOn() {
        powerOns.incrementAndGet();
    }

    @Override
    public void powerOff() {
        powerOffs.incrementAndGet();
    }

    @Override
    public byte[] transmit(byte[] command) {
        commands.incrementAndGet();
        if (command.length < 4) {
            return new byte[] {0x67, 0x00};
        }
        int ins = command[1] & 0xFF;
        if (ins == INS_TEAR) {
            throw new CardRemovedException("test asked the card to leave the field");
        }
        if (ins == INS_MAKE_RESPONSE) {
            int length = ((command[2] & 0xFF) << 8) | (command[3] & 0xFF);
            byte[] response = new byte[length + 2];
            for (int i = 0; i < length; i++) {
                response[i] = (byte) i;
            }
            response[length] = (byte) 0x90;
            return response;
        }
        byte[] data = data(command);
        byte[] response = Arrays.copyOf(data, data.length + 2);
        response[data.length] = (byte) 0x90;
        return response;
    }

    private static byte[] data(byte[] command) {
        if (command.length <= 5) {
            return new byte[0];
        }
        int b5 = command[4] & 0xFF;
        if (b5 != 0) {
            return Arrays.copyOfRange(command, 5, 5 + Math.min(b5, command.length - 5));
        }
        if (command.length == 7) {
            return new byte[0];
        }
        int lc = ((command[5] & 0xFF) << 8) | (command[6] & 0xFF);
        return Arrays.copyOfRange(command, 7, 7 + Math.min(lc, command.length - 7));
    }
}
