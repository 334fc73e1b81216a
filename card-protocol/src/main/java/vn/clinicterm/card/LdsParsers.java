package vn.clinicterm.card;

import java.security.PublicKey;
import vn.clinicterm.card.internal.Dg13Parser;
import vn.clinicterm.card.internal.JmrtdFiles;
import vn.clinicterm.card.internal.ParserBoundary;
import vn.clinicterm.card.internal.SodParser;

/**
 * Parses the files read from a chip. Each method takes the raw EF bytes, outer tag included, and never throws: a file
 * that is broken, hostile, too large ({@value ParserBoundary#MAX_DG2_BYTES} bytes for DG2,
 * {@value ParserBoundary#MAX_FILE_BYTES} for the others) or null comes back as {@link Parsed.Malformed} with a reason
 * that holds no personal data. Before any parser runs, every TLV length is checked against the bytes present, so no
 * claimed length is ever allocated.
 *
 * <p>Parsing is not verification: a file that parses may still fail its SOD hash.
 */
public final class LdsParsers {

    private LdsParsers() {}

    /** DG13 (tag {@code 6D}), the CCCD's Vietnamese personal data; see {@link Dg13Data}. */
    public static Parsed<Dg13Data> dg13(byte[] file) {
        return ParserBoundary.guard("DG13", file, Dg13Parser.TAG, ParserBoundary.MAX_FILE_BYTES, Dg13Parser::parse);
    }

    /** DG1 (tag {@code 61}), the MRZ: TD1 or TD3. */
    public static Parsed<MrzData> dg1(byte[] file) {
        return ParserBoundary.guard("DG1", file, 0x61, ParserBoundary.MAX_FILE_BYTES, JmrtdFiles::dg1);
    }

    /** DG2 (tag {@code 75}), the first face image. */
    public static Parsed<FaceImage> dg2(byte[] file) {
        return ParserBoundary.guard("DG2", file, 0x75, ParserBoundary.MAX_DG2_BYTES, JmrtdFiles::dg2);
    }

    /** EF.COM (tag {@code 60}). */
    public static Parsed<ComData> com(byte[] file) {
        return ParserBoundary.guard("COM", file, 0x60, ParserBoundary.MAX_FILE_BYTES, JmrtdFiles::com);
    }

    /** EF.SOD (tag {@code 77}), parsed but not verified. */
    public static Parsed<SodData> sod(byte[] file) {
        return ParserBoundary.guard("SOD", file, SodParser.TAG, ParserBoundary.MAX_FILE_BYTES, SodParser::parse);
    }

    /** DG14 (tag {@code 6E}), the Chip and Active Authentication infos. */
    public static Parsed<Dg14Data> dg14(byte[] file) {
        return ParserBoundary.guard("DG14", file, 0x6E, ParserBoundary.MAX_FILE_BYTES, JmrtdFiles::dg14);
    }

    /** DG15 (tag {@code 6F}), the Active Authentication public key. */
    public static Parsed<PublicKey> dg15(byte[] file) {
        return ParserBoundary.guard("DG15", file, 0x6F, ParserBoundary.MAX_FILE_BYTES, JmrtdFiles::dg15);
    }
}
