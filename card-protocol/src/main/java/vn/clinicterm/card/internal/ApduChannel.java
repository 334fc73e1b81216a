package vn.clinicterm.card.internal;

import java.util.Arrays;
import net.sf.scuba.smartcards.CardService;
import net.sf.scuba.smartcards.CardServiceException;
import net.sf.scuba.smartcards.CommandAPDU;
import net.sf.scuba.smartcards.ResponseAPDU;
import org.jmrtd.protocol.SecureMessagingWrapper;

/**
 * Sends APDUs to the chip, wrapped in secure messaging once access is established, and reads LDS files fast:
 * one extended-length READ BINARY by short file identifier fetches a whole file when the chip takes it.
 *
 * <p>When the chip refuses extended length with a plain {@code 6700}, it has not counted the command, so the send
 * sequence counter is put back and the same read is sent again with a short Le: the fallback costs exactly one APDU
 * and never leaves secure messaging. A plain command is never sent once a session exists.
 */
public final class ApduChannel {

    /** Largest READ BINARY whose protected answer still fits a short (256-byte) response. */
    public static final int SHORT_READ = 223;
    /**
     * Largest READ BINARY asked for with extended length. The JDK's PC/SC binding receives into an 8192-byte buffer
     * (a longer answer fails with SCARD_E_INSUFFICIENT_BUFFER after the chip has counted the command, which would
     * break secure messaging); 8159 data bytes wrap into at most 8192 with AES (DO'87' 5 + 8160 + DO'99' 4 +
     * DO'8E' 10 + SW 2 = 8181) and leave room for the DO'53' of an odd READ BINARY.
     */
    public static final int EXTENDED_READ = 8159;
    private static final int MAX_FILE = 128 * 1024;

    /** A status word the chip answered with (e.g. 6A82 file not found). */
    public static final class StatusException extends Exception {
        private final int sw;

        public StatusException(String step, int sw) {
            super(step + " answered " + String.format("%04X", sw));
            this.sw = sw;
        }

        public int sw() {
            return sw;
        }
    }

    private final CardService service;
    private SecureMessagingWrapper wrapper;
    private boolean extendedLength;
    private boolean sfi = true;

    public ApduChannel(CardService service, boolean tryExtendedLength) {
        this.service = service;
        this.extendedLength = tryExtendedLength;
    }

    public SecureMessagingWrapper wrapper() {
        return wrapper;
    }

    public void useWrapper(SecureMessagingWrapper newWrapper) {
        this.wrapper = newWrapper;
    }

    public boolean extendedLength() {
        return extendedLength;
    }

    /** Sends one command (wrapped when a session exists) and returns the plain response. */
    public ResponseAPDU send(CommandAPDU command) throws CardServiceException {
        if (wrapper == null) {
            return service.transmit(command);
        }
        SecureMessagingWrapper before = SecureMessagingWrapper.getInstance(wrapper);
        ResponseAPDU raw = service.transmit(wrapper.wrap(command));
        if (raw.getBytes().length <= 2) {
            // a bare status word: the chip did not process the command under secure messaging
            wrapper = before;
            return raw;
        }
        return wrapper.unwrap(raw);
    }

    public void selectApplet(byte[] aid) throws CardServiceException, StatusException {
        ResponseAPDU r = send(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, aid));
        if (r.getSW() != 0x9000) {
            throw new StatusException("SELECT application", r.getSW());
        }
    }

    /** Reads a whole EF, or returns null when the chip has no such file ({@code 6A82}). */
    public byte[] readFile(int fid, int shortFileId) throws CardServiceException, StatusException {
        ResponseAPDU first = null;
        if (sfi && shortFileId > 0) {
            first = readBinary(0x80 | shortFileId, 0, firstLe());
            int sw = first.getSW();
            if (sw == 0x6A86 || sw == 0x6B00 || sw == 0x6981 || sw == 0x6D00) {
                sfi = false;
                first = null;
            }
        }
        if (first == null) {
            ResponseAPDU selected = send(new CommandAPDU(0x00, 0xA4, 0x02, 0x0C,
                    new byte[] {(byte) (fid >> 8), (byte) fid}));
            if (selected.getSW() == 0x6A82) {
                return null;
            }
            if (selected.getSW() != 0x9000) {
                throw new StatusException("SELECT " + String.format("%04X", fid), selected.getSW());
            }
            first = readBinary(0, 0, firstLe());
        }
        if (first.getSW() == 0x6A82) {
            return null;
        }
        byte[] head = dataOf(first, fid);
        int total = totalLength(head, fid);
        byte[] file = Arrays.copyOf(head, total);
        int got = Math.min(head.length, total);
        while (got < total) {
            int le = Math.min(total - got, extendedLength ? EXTENDED_READ : SHORT_READ);
            byte[] chunk;
            if (got <= 0x7FFF) {
                chunk = dataOf(readBinary(got >> 8, got & 0xFF, le), fid);
            } else {
                chunk = oddReadBinary(got, le, fid);
            }
            int n = Math.min(chunk.length, total - got);
            System.arraycopy(chunk, 0, file, got, n);
            got += n;
        }
        return file;
    }

    private int firstLe() {
        return extendedLength ? EXTENDED_READ : SHORT_READ;
    }

    private ResponseAPDU readBinary(int p1, int p2, int le) throws CardServiceException {
        ResponseAPDU r = send(new CommandAPDU(0x00, 0xB0, p1, p2, le));
        if (r.getSW() == 0x6700 && le > 256 && extendedLength) {
            extendedLength = false;
            r = send(new CommandAPDU(0x00, 0xB0, p1, p2, Math.min(le, SHORT_READ)));
        }
        return r;
    }

    private byte[] oddReadBinary(int offset, int le, int fid) throws CardServiceException, StatusException {
        byte[] offsetObject = offset > 0xFFFF
                ? new byte[] {0x54, 0x03, (byte) (offset >> 16), (byte) (offset >> 8), (byte) offset}
                : new byte[] {0x54, 0x02, (byte) (offset >> 8), (byte) offset};
        int wanted = Math.min(le + 4, extendedLength ? EXTENDED_READ : SHORT_READ);
        ResponseAPDU r = send(new CommandAPDU(0x00, 0xB1, 0x00, 0x00, offsetObject, wanted));
        if (r.getSW() == 0x6700 && wanted > 256 && extendedLength) {
            extendedLength = false;
            r = send(new CommandAPDU(0x00, 0xB1, 0x00, 0x00, offsetObject, SHORT_READ));
        }
        byte[] data = dataOf(r, fid);
        // DO'53' around the data
        if (data.length < 2 || data[0] != 0x53) {
            throw new StatusException("READ BINARY (odd) of " + String.format("%04X", fid) + " without DO'53'", 0x6F00);
        }
        int[] header = tlvHeader(data, 0);
        return Arrays.copyOfRange(data, header[0], Math.min(data.length, header[0] + header[1]));
    }

    private static byte[] dataOf(ResponseAPDU r, int fid) throws StatusException {
        int sw = r.getSW();
        if ((sw != 0x9000 && sw != 0x6282) || r.getData().length == 0) {
            throw new StatusException("READ BINARY of " + String.format("%04X", fid), sw == 0x9000 ? 0x6282 : sw);
        }
        return r.getData();
    }

    /** Total EF length from its outer TLV header; capped before anything is allocated. */
    private static int totalLength(byte[] head, int fid) throws StatusException {
        int[] header = tlvHeader(head, 0);
        long total = (long) header[0] + header[1];
        if (header[1] < 0 || total > MAX_FILE) {
            throw new StatusException("file " + String.format("%04X", fid) + " has an impossible length", 0x6F00);
        }
        return (int) total;
    }

    /** {header length, value length} of the TLV at {@code offset}; value length −1 when unreadable. */
    static int[] tlvHeader(byte[] b, int offset) {
        int p = offset;
        if (p >= b.length) {
            return new int[] {0, -1};
        }
        int tag = b[p++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            while (p < b.length && (b[p++] & 0x80) != 0) {
                // multi-byte tag
            }
        }
        if (p >= b.length) {
            return new int[] {p - offset, -1};
        }
        int first = b[p++] & 0xFF;
        if (first < 0x80) {
            return new int[] {p - offset, first};
        }
        int count = first & 0x7F;
        if (count == 0 || count > 3 || p + count > b.length) {
            return new int[] {p - offset, -1};
        }
        int length = 0;
        for (int i = 0; i < count; i++) {
            length = (length << 8) | (b[p++] & 0xFF);
        }
        return new int[] {p - offset, length};
    }
}
