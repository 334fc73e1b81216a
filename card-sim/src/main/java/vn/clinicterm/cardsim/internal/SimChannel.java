package vn.clinicterm.cardsim.internal;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * The basic channel, doing what the JDK's PC/SC channel does around the card (with its default settings), so code
 * tested here meets the same behaviour on a real reader: MANAGE CHANNEL is refused, the channel bits of an
 * interindustry CLA are cleared, {@code 61xx} is followed by GET RESPONSE and the parts joined, {@code 6Cxx} resends
 * the command with the Le the card asked for.
 */
final class SimChannel extends CardChannel {

    private static final int MAX_ROUNDS = 256;

    private final SimCard card;

    SimChannel(SimCard card) {
        this.card = card;
    }

    @Override
    public Card getCard() {
        return card;
    }

    @Override
    public int getChannelNumber() {
        card.checkState();
        return 0;
    }

    @Override
    public ResponseAPDU transmit(CommandAPDU command) throws CardException {
        card.checkState();
        return new ResponseAPDU(exchange(command.getBytes()));
    }

    @Override
    public int transmit(ByteBuffer command, ByteBuffer response) throws CardException {
        card.checkState();
        if (command == null || response == null) {
            throw new NullPointerException();
        }
        if (response.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        if (command == response) {
            throw new IllegalArgumentException("command and response must not be the same object");
        }
        if (response.remaining() < 258) {
            throw new IllegalArgumentException("Insufficient space in response buffer");
        }
        byte[] bytes = new byte[command.remaining()];
        command.get(bytes);
        byte[] answer = exchange(bytes);
        response.put(answer);
        return answer.length;
    }

    private byte[] exchange(byte[] original) throws CardException {
        if (original.length < 4) {
            throw new IllegalArgumentException("Command APDU must be at least 4 bytes long");
        }
        byte[] command = original.clone();
        int cla = command[0] & 0xFF;
        if (cla < 0x80 && (command[1] & 0xFF) == 0x70) {
            throw new IllegalArgumentException("Manage channel command not allowed, use openLogicalChannel()");
        }
        if (cla < 0x80 && (cla & 0xE0) != 0x20) {
            command[0] = (byte) (cla & 0xBC); // basic channel: first interindustry class, channel number 0
        }
        byte[] collected = new byte[0];
        for (int round = 1; ; round++) {
            if (round > MAX_ROUNDS) {
                throw new CardException("Number of response iterations exceeded maximum " + MAX_ROUNDS);
            }
            byte[] answer = card.transmitRaw(command.clone());
            int n = answer.length;
            if (n == 2 && answer[0] == 0x6C) {
                command[command.length - 1] = answer[1];
                continue;
            }
            if (n >= 2 && answer[n - 2] == 0x61) {
                collected = concat(collected, answer, n - 2);
                command = new byte[] {command[0], (byte) 0xC0, 0x00, 0x00, answer[n - 1]};
                continue;
            }
            return concat(collected, answer, n);
        }
    }

    private static byte[] concat(byte[] head, byte[] tail, int tailLength) {
        byte[] result = new byte[head.length + tailLength];
        System.arraycopy(head, 0, result, 0, head.length);
        System.arraycopy(tail, 0, result, head.length, tailLength);
        return result;
    }

    @Override
    public void close() {
        throw new IllegalStateException("Cannot close basic logical channel");
    }

    @Override
    public String toString() {
        return "ClinicTerm simulated channel 0";
    }
}
