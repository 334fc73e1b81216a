package vn.clinicterm.card.internal;

import vn.clinicterm.card.Parsed;

/**
 * Where bytes from a chip meet a parser. Nothing a card sends may escape as an exception: a broken or hostile file
 * becomes {@link Parsed.Malformed}.
 *
 * <p>What is caught: every {@link Exception} (checked, NullPointerException, IllegalArgumentException,
 * ArrayIndexOutOfBounds, ClassCastException, …), and of the errors {@link StackOverflowError} (deep nesting) and
 * {@link OutOfMemoryError} (a claimed size; the input caps and {@link TlvCheck} make this a last resort). Other errors
 * ({@link LinkageError} from mismatched library versions, {@link InternalError}) are malfunctions of this program,
 * not properties of the card, and propagate.
 *
 * <p>Reasons come from our own {@link LdsFormatException} messages; for any other exception only its class name is
 * given, because library messages may quote file content (an MRZ, a name).
 */
public final class ParserBoundary {

    /** DG2 holds a face image of typically 15–30 KB; 512 KiB leaves room for high-quality JPEG 2000. */
    public static final int MAX_DG2_BYTES = 512 * 1024;
    /** Every other file is a few KB at most (an SOD with a certificate chain stays well under this). */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    private ParserBoundary() {}

    @FunctionalInterface
    public interface Parser<T> {
        T parse(byte[] file, int valueOffset, int valueLength) throws Exception;
    }

    public static <T> Parsed<T> guard(String fileId, byte[] file, int expectedTag, int maxBytes, Parser<T> parser) {
        if (file == null) {
            return new Parsed.Malformed<>(fileId, "no bytes were given");
        }
        if (file.length > maxBytes) {
            return new Parsed.Malformed<>(fileId, "the file has " + file.length + " bytes, more than the " + maxBytes
                    + " this file may have");
        }
        try {
            int[] value = TlvCheck.outer(file, expectedTag);
            return new Parsed.Ok<>(parser.parse(file, value[0], value[1]));
        } catch (LdsFormatException e) {
            return new Parsed.Malformed<>(fileId, e.getMessage());
        } catch (Exception e) {
            return new Parsed.Malformed<>(fileId, "the parser rejected it (" + e.getClass().getSimpleName() + ")");
        } catch (StackOverflowError e) {
            return new Parsed.Malformed<>(fileId, "its structure is nested too deeply to parse");
        } catch (OutOfMemoryError e) {
            return new Parsed.Malformed<>(fileId, "it claims more memory than a file of its kind can need");
        }
    }
}
