package vn.clinicterm.card.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jmrtd.lds.ActiveAuthenticationInfo;
import org.jmrtd.lds.ChipAuthenticationInfo;
import org.jmrtd.lds.ChipAuthenticationPublicKeyInfo;
import org.jmrtd.lds.SecurityInfo;
import org.jmrtd.lds.icao.COMFile;
import org.jmrtd.lds.icao.DG14File;
import org.jmrtd.lds.icao.DG15File;
import org.jmrtd.lds.icao.DG1File;
import org.jmrtd.lds.icao.MRZInfo;
import vn.clinicterm.card.ComData;
import vn.clinicterm.card.Dg14Data;
import vn.clinicterm.card.FaceImage;
import vn.clinicterm.card.MrzData;

/** The files JMRTD parses well, turned into our records. Input has passed {@link TlvCheck} before it gets here. */
public final class JmrtdFiles {

    private JmrtdFiles() {}

    public static MrzData dg1(byte[] file, int offset, int length) throws Exception {
        MRZInfo mrz = new DG1File(stream(file, offset, length)).getMRZInfo();
        if (mrz == null) {
            throw new LdsFormatException("DG1 holds no MRZ");
        }
        String secondary = nonNull(mrz.getSecondaryIdentifier()).replace('<', ' ').strip();
        List<String> given = secondary.isEmpty() ? List.of() : List.of(secondary.split(" +"));
        return new MrzData(
                trim(mrz.getDocumentCode()),
                trim(mrz.getIssuingState()),
                trim(mrz.getDocumentNumber()),
                nonNull(mrz.getDateOfBirth()),
                nonNull(mrz.getDateOfExpiry()),
                gender(mrz),
                trim(mrz.getNationality()),
                nonNull(mrz.getPrimaryIdentifier()).replace('<', ' ').strip(),
                given,
                trim(mrz.getOptionalData1()),
                trim(mrz.getOptionalData2()));
    }

    @SuppressWarnings("deprecation") // getGender(): the replacement getGenderCode() returns the same enum
    private static String gender(MRZInfo mrz) {
        if (mrz.getGender() == null) {
            return "X";
        }
        return switch (mrz.getGender()) {
            case MALE -> "M";
            case FEMALE -> "F";
            default -> "X";
        };
    }

    /**
     * The first face of DG2, taken straight from the ISO/IEC 19794-5 record once {@link #checkFaceRecordLengths} has
     * validated it. JMRTD's face decoder is not used on card data: with some damaged records it loops forever.
     */
    public static FaceImage dg2(byte[] file, int offset, int length) throws Exception {
        checkFaceRecordLengths(file, offset, length);
        List<int[]> blocks = new ArrayList<>();
        findDataBlocks(file, offset, offset + length, blocks, 0);
        int record = blocks.get(0)[0];
        int face = record + 14;
        long blockLength = u32(file, face);
        int featurePoints = (file[face + 4] & 0xFF) << 8 | (file[face + 5] & 0xFF);
        int imageInfo = face + 20 + 8 * featurePoints;
        int width = (file[imageInfo + 2] & 0xFF) << 8 | (file[imageInfo + 3] & 0xFF);
        int height = (file[imageInfo + 4] & 0xFF) << 8 | (file[imageInfo + 5] & 0xFF);
        int imageStart = imageInfo + 12;
        int imageEnd = (int) (face + blockLength);
        if (imageEnd <= imageStart) {
            throw new LdsFormatException("DG2's face image is empty");
        }
        if (imageEnd - imageStart > ParserBoundary.MAX_DG2_BYTES) {
            throw new LdsFormatException("DG2's face image is larger than any card holds");
        }
        byte[] bytes = Arrays.copyOfRange(file, imageStart, imageEnd);
        return new FaceImage(mimeType(bytes, file[imageInfo + 1] & 0xFF), bytes, width, height);
    }

    private static String mimeType(byte[] bytes, int imageDataType) throws LdsFormatException {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8) {
            return FaceImage.JPEG;
        }
        boolean jp2Box = bytes.length >= 8 && bytes[4] == 'j' && bytes[5] == 'P' && bytes[6] == ' ' && bytes[7] == ' ';
        boolean codestream = bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0x4F;
        if (jp2Box || codestream) {
            return FaceImage.JPEG_2000;
        }
        throw new LdsFormatException("DG2's face image is neither JPEG nor JPEG 2000 (image data type "
                + imageDataType + ")");
    }

    /**
     * ISO/IEC 19794-5 records carry their own lengths and counts, which JMRTD trusts: a feature-point count beyond
     * the data sends its reader into an endless skip loop at the end of the stream, a large length into allocation.
     * So every biometric data block ({@code 5F2E}/{@code 7F2E}) is checked here first: header, record length, and
     * each face's block length against its feature points, header sizes and the bytes present. Only ISO 19794-5
     * faces are accepted (not ISO 39794).
     */
    static void checkFaceRecordLengths(byte[] file, int offset, int length) throws LdsFormatException {
        List<int[]> blocks = new ArrayList<>();
        findDataBlocks(file, offset, offset + length, blocks, 0);
        if (blocks.isEmpty()) {
            throw new LdsFormatException("DG2 holds no biometric data block");
        }
        for (int[] block : blocks) {
            checkFaceRecord(file, block[0], block[0] + block[1]);
        }
    }

    private static void checkFaceRecord(byte[] file, int start, int end) throws LdsFormatException {
        if (end - start < 14 || file[start] != 'F' || file[start + 1] != 'A' || file[start + 2] != 'C'
                || file[start + 3] != 0) {
            throw new LdsFormatException("DG2's biometric data block is not an ISO/IEC 19794-5 face record");
        }
        long recordLength = u32(file, start + 8);
        int faces = (file[start + 12] & 0xFF) << 8 | (file[start + 13] & 0xFF);
        if (recordLength < 14 || recordLength > end - start) {
            throw new LdsFormatException("DG2's face record length does not match the bytes present");
        }
        if (faces == 0) {
            throw new LdsFormatException("DG2's face record holds no face");
        }
        long position = start + 14;
        long recordEnd = start + recordLength;
        for (int i = 0; i < faces; i++) {
            if (position + 20 > recordEnd) {
                throw new LdsFormatException("DG2's face record holds fewer faces than it counts");
            }
            long blockLength = u32(file, (int) position);
            int featurePoints = (file[(int) position + 4] & 0xFF) << 8 | (file[(int) position + 5] & 0xFF);
            if (blockLength < 32L + 8L * featurePoints || position + blockLength > recordEnd) {
                throw new LdsFormatException("a face in DG2 claims more bytes or feature points than it holds");
            }
            position += blockLength;
        }
    }

    /** Collects {offset, length} of every 5F2E/7F2E value; input already passed {@link TlvCheck}. */
    private static void findDataBlocks(byte[] file, int offset, int end, List<int[]> blocks, int depth) {
        int position = offset;
        while (position < end && depth < TlvCheck.MAX_DEPTH) {
            int first = file[position++] & 0xFF;
            int tag = first;
            if ((first & 0x1F) == 0x1F) {
                int b;
                do {
                    b = file[position++] & 0xFF;
                    tag = tag << 8 | b;
                } while ((b & 0x80) != 0);
            }
            int lengthByte = file[position++] & 0xFF;
            int valueLength;
            if (lengthByte < 0x80) {
                valueLength = lengthByte;
            } else if (lengthByte == 0x80) {
                return; // indefinite lengths do not occur in DG2; JMRTD will reject what follows
            } else {
                valueLength = 0;
                for (int i = 0; i < (lengthByte & 0x7F); i++) {
                    valueLength = valueLength << 8 | (file[position++] & 0xFF);
                }
            }
            if (tag == 0x5F2E || tag == 0x7F2E) {
                blocks.add(new int[] {position, valueLength});
            } else if ((first & 0x20) != 0) {
                findDataBlocks(file, position, position + valueLength, blocks, depth + 1);
            }
            position += valueLength;
        }
    }

    private static long u32(byte[] bytes, int at) {
        return (bytes[at] & 0xFFL) << 24 | (bytes[at + 1] & 0xFFL) << 16 | (bytes[at + 2] & 0xFFL) << 8
                | (bytes[at + 3] & 0xFFL);
    }

    public static ComData com(byte[] file, int offset, int length) throws Exception {
        COMFile com = new COMFile(stream(file, offset, length));
        int[] tags = com.getTagList();
        if (tags == null) {
            throw new LdsFormatException("EF.COM has no tag list");
        }
        return new ComData(nonNull(com.getLDSVersion()), nonNull(com.getUnicodeVersion()),
                Arrays.stream(tags).boxed().toList());
    }

    public static Dg14Data dg14(byte[] file, int offset, int length) throws Exception {
        DG14File dg14 = new DG14File(stream(file, offset, length));
        List<Dg14Data.ChipAuthenticationKey> keys = new ArrayList<>();
        List<Dg14Data.ChipAuthenticationInfo> infos = new ArrayList<>();
        Optional<String> activeAuthentication = Optional.empty();
        for (SecurityInfo securityInfo : dg14.getSecurityInfos()) {
            switch (securityInfo) {
                case ChipAuthenticationPublicKeyInfo info -> {
                    if (info.getSubjectPublicKey() == null) {
                        throw new LdsFormatException("a DG14 chip authentication key cannot be read");
                    }
                    keys.add(new Dg14Data.ChipAuthenticationKey(keyId(info.getKeyId()), info.getSubjectPublicKey(),
                            info.getObjectIdentifier()));
                }
                case ChipAuthenticationInfo info -> infos.add(new Dg14Data.ChipAuthenticationInfo(
                        info.getObjectIdentifier(), info.getVersion(), keyId(info.getKeyId())));
                case ActiveAuthenticationInfo info -> {
                    if (activeAuthentication.isEmpty()) {
                        activeAuthentication = Optional.ofNullable(info.getSignatureAlgorithmOID());
                    }
                }
                default -> {
                    // Terminal Authentication, PACE and others: not ours to use
                }
            }
        }
        return new Dg14Data(keys, infos, activeAuthentication);
    }

    /** JMRTD reports "no key id" as null or as -1 depending on the class. */
    private static Optional<BigInteger> keyId(BigInteger id) {
        return id == null || id.signum() < 0 ? Optional.empty() : Optional.of(id);
    }

    public static PublicKey dg15(byte[] file, int offset, int length) throws Exception {
        PublicKey key = new DG15File(stream(file, offset, length)).getPublicKey();
        if (key == null) {
            throw new LdsFormatException("DG15 holds no public key");
        }
        return key;
    }

    /** JMRTD reads the whole TLV, tag included. */
    private static InputStream stream(byte[] file, int valueOffset, int valueLength) {
        return new ByteArrayInputStream(file, 0, valueOffset + valueLength);
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    /** Filler at either end removed. */
    private static String trim(String text) {
        return nonNull(text).replaceAll("^<+|<+$", "").strip();
    }
}
