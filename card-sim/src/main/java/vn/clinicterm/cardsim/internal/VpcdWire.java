package vn.clinicterm.cardsim.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketOption;
import jdk.net.ExtendedSocketOptions;

/**
 * The vpcd wire format: every message is a two-byte big-endian length and that many bytes. From the reader, a
 * one-byte message is a control code ({@link #POWER_OFF}, {@link #POWER_ON}, {@link #RESET}, {@link #GET_ATR}); any
 * other is a command APDU. Only {@code GET_ATR} and command APDUs get an answer.
 */
public final class VpcdWire {

    public static final int POWER_OFF = 0x00;
    public static final int POWER_ON = 0x01;
    public static final int RESET = 0x02;
    public static final int GET_ATR = 0x04;
    /** Largest message the length prefix can describe. */
    public static final int MAX_MESSAGE = 0xFFFF;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final boolean quickAck;

    public VpcdWire(Socket socket) throws IOException {
        this.socket = socket;
        // pcscd's side writes with Nagle on; without NODELAY here and quick ACKs (Linux) each round trip waits for
        // a delayed ACK, about 40 ms per APDU.
        socket.setTcpNoDelay(true);
        this.quickAck = supports(socket, ExtendedSocketOptions.TCP_QUICKACK);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        armQuickAck();
    }

    private static boolean supports(Socket socket, SocketOption<?> option) {
        return socket.supportedOptions().contains(option);
    }

    /**
     * Reads one message; {@link EOFException} when the reader closed the connection.
     */
    public byte[] read() throws IOException {
        // Linux leaves quick-ACK mode on its own after a while, so it is asked for again before every read.
        armQuickAck();
        int length = in.readUnsignedShort();
        byte[] message = new byte[length];
        in.readFully(message);
        return message;
    }

    /** Writes one message in a single write, so it leaves in one segment. */
    public void write(byte[] message) throws IOException {
        if (message.length > MAX_MESSAGE) {
            throw new IllegalArgumentException("message of " + message.length + " bytes does not fit vpcd framing");
        }
        byte[] frame = new byte[message.length + 2];
        frame[0] = (byte) (message.length >>> 8);
        frame[1] = (byte) message.length;
        System.arraycopy(message, 0, frame, 2, message.length);
        out.write(frame);
        out.flush();
    }

    private void armQuickAck() throws IOException {
        if (quickAck) {
            socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        }
    }
}
