package vn.clinicterm.card;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * The holder's face from DG2 (the first face image of the first face).
 *
 * @param mimeType {@code image/jpeg} or {@code image/jp2} (JPEG 2000, file format or bare codestream)
 * @param bytes the encoded image exactly as stored; the accessor returns a copy
 * @param width as the ISO/IEC 19794-5 header states it
 * @param height as the ISO/IEC 19794-5 header states it
 */
public record FaceImage(String mimeType, byte[] bytes, int width, int height) {

    public static final String JPEG = "image/jpeg";
    public static final String JPEG_2000 = "image/jp2";

    public FaceImage {
        Objects.requireNonNull(mimeType, "mimeType");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * Decodes the image with ImageIO (JPEG 2000 through jai-imageio-jpeg2000, which registers itself with ImageIO).
     *
     * @throws IllegalStateException when no ImageIO reader takes this format or the image data is corrupt (the cause
     *     says which); never returns null
     */
    public BufferedImage decode() {
        try {
            BufferedImage image = read();
            if (image == null) {
                // Plug-ins on a class path ImageIO scanned before they were visible (e.g. a later class loader).
                ImageIO.scanForPlugins();
                image = read();
            }
            if (image == null) {
                throw new IllegalStateException("no ImageIO reader decodes this face image (" + mimeType
                        + "); for JPEG 2000 jai-imageio-jpeg2000 must be on the class path");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalStateException ise && ise.getCause() == null) {
                throw ise;
            }
            throw new IllegalStateException("the face image (" + mimeType + ", " + bytes.length
                    + " bytes) could not be decoded", e);
        }
    }

    private BufferedImage read() throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FaceImage that && mimeType.equals(that.mimeType) && width == that.width
                && height == that.height && java.util.Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mimeType, width, height, java.util.Arrays.hashCode(bytes));
    }

    @Override
    public String toString() {
        return "FaceImage[" + mimeType + ", " + width + "x" + height + ", " + bytes.length + " bytes]";
    }
}
