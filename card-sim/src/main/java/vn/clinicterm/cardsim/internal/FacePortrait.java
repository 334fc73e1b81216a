package vn.clinicterm.cardsim.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jmrtd.lds.icao.DG2File;
import org.jmrtd.lds.iso19794.FaceImageInfo;
import org.jmrtd.lds.iso19794.FaceInfo;
import vn.clinicterm.cardsim.SimCitizen;

/**
 * The DG2 face: a cartoon passport photo drawn with java.awt (works headless), different for every citizen and always
 * the same for one. Sensor-like grain keeps the JPEG at a realistic 15–20 KB, the size real CCCD faces have, so
 * read-time benchmarks mean something.
 */
public final class FacePortrait {

    public static final int WIDTH = 240;
    public static final int HEIGHT = 320;
    static final int MIN_BYTES = 15_000;
    static final int MAX_BYTES = 20_000;

    private static final int CACHE_SIZE = 128;
    private static final Map<String, byte[]> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private static final List<Color> SKIN = List.of(
            new Color(241, 204, 170), new Color(228, 185, 143), new Color(214, 170, 128), new Color(196, 150, 110),
            new Color(234, 196, 160));
    private static final List<Color> SHIRTS = List.of(
            new Color(245, 245, 245), new Color(40, 60, 110), new Color(70, 70, 75), new Color(150, 30, 40),
            new Color(90, 120, 170));

    private FacePortrait() {}

    /** The face image bytes: JPEG, or JPEG 2000 when {@code jpeg2000}. */
    public static byte[] image(SimCitizen citizen, boolean jpeg2000) {
        String key = citizen.idNumber() + (jpeg2000 ? "|jp2" : "|jpg");
        synchronized (CACHE) {
            byte[] cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        BufferedImage picture = draw(citizen);
        byte[] encoded = jpeg2000 ? jpeg2000(picture) : jpegOfRealisticSize(picture);
        synchronized (CACHE) {
            CACHE.put(key, encoded);
        }
        return encoded;
    }

    /** DG2 (tag 75) holding one ISO/IEC 19794-5 full-frontal face record. */
    @SuppressWarnings("deprecation") // JMRTD 0.8.6 deprecates the DG2File constructor without offering another
    public static byte[] dg2(SimCitizen citizen, boolean jpeg2000) {
        byte[] image = image(citizen, jpeg2000);
        try {
            FaceImageInfo face = new FaceImageInfo(
                    citizen.gender() == SimCitizen.Gender.MALE ? net.sf.scuba.data.Gender.MALE
                            : net.sf.scuba.data.Gender.FEMALE,
                    FaceImageInfo.EyeColor.BROWN,
                    0, // no feature mask
                    citizen.dateOfBirth().getYear() < 1965 ? FaceImageInfo.HAIR_COLOR_GRAY
                            : FaceImageInfo.HAIR_COLOR_BLACK,
                    FaceImageInfo.EXPRESSION_NEUTRAL,
                    new int[] {0, 0, 0},
                    new int[] {0, 0, 0},
                    FaceImageInfo.FACE_IMAGE_TYPE_FULL_FRONTAL,
                    FaceImageInfo.IMAGE_COLOR_SPACE_RGB24,
                    FaceImageInfo.SOURCE_TYPE_STATIC_PHOTO_DIGITAL_CAM,
                    0, // device type unspecified
                    0, // quality unspecified
                    new FaceImageInfo.FeaturePoint[0],
                    WIDTH,
                    HEIGHT,
                    new ByteArrayInputStream(image),
                    image.length,
                    jpeg2000 ? FaceImageInfo.IMAGE_DATA_TYPE_JPEG2000 : FaceImageInfo.IMAGE_DATA_TYPE_JPEG);
            return new DG2File(List.of(new FaceInfo(List.of(face)))).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode DG2", e);
        }
    }

    static BufferedImage draw(SimCitizen citizen) {
        SplittableRandom r = new SplittableRandom(citizen.idNumber().hashCode() * 0x9E3779B97F4A7C15L + 17);
        boolean male = citizen.gender() == SimCitizen.Gender.MALE;
        boolean elderly = citizen.dateOfBirth().getYear() < 1965;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(236, 242, 250), 0, HEIGHT, new Color(200, 214, 234)));
            g.fillRect(0, 0, WIDTH, HEIGHT);

            Color skin = SKIN.get(r.nextInt(SKIN.size()));
            Color hair = elderly ? new Color(175, 175, 172) : new Color(20 + r.nextInt(25), 16 + r.nextInt(15), 14);
            double faceW = 118 + r.nextInt(22);
            double faceH = 150 + r.nextInt(22);
            double cx = WIDTH / 2.0 + r.nextInt(9) - 4;
            double top = 62 + r.nextInt(10);

            if (!male) { // long hair falls behind the shoulders
                g.setColor(hair);
                g.fill(new Ellipse2D.Double(cx - faceW / 2 - 22, top - 14, faceW + 44, faceH + 95));
            }
            g.setColor(SHIRTS.get(r.nextInt(SHIRTS.size())));
            g.fill(new Ellipse2D.Double(cx - 120, top + faceH + 18, 240, 170));
            g.setColor(skin.darker());
            g.fillRect((int) (cx - 24), (int) (top + faceH - 20), 48, 50);
            g.setColor(skin);
            g.fill(new Ellipse2D.Double(cx - faceW / 2 - 9, top + faceH * 0.42, 18, 34));
            g.fill(new Ellipse2D.Double(cx + faceW / 2 - 9, top + faceH * 0.42, 18, 34));
            g.fill(new Ellipse2D.Double(cx - faceW / 2, top, faceW, faceH));

            g.setColor(hair);
            if (male) {
                g.fill(new Arc2D.Double(cx - faceW / 2 - 4, top - 14, faceW + 8, faceH * 0.62, 0, 180, Arc2D.CHORD));
            } else {
                Path2D fringe = new Path2D.Double();
                fringe.moveTo(cx - faceW / 2 - 6, top + faceH * 0.45);
                fringe.quadTo(cx - faceW / 2, top - 20, cx + 8, top - 8);
                fringe.quadTo(cx + faceW / 2 + 2, top - 16, cx + faceW / 2 + 6, top + faceH * 0.45);
                fringe.quadTo(cx + faceW / 3, top + faceH * 0.1, cx - 4, top + faceH * 0.16);
                fringe.quadTo(cx - faceW / 3, top + faceH * 0.12, cx - faceW / 2 - 6, top + faceH * 0.45);
                g.fill(fringe);
            }

            double eyeY = top + faceH * 0.46;
            double eyeDx = faceW * 0.2;
            g.setStroke(new BasicStroke(male ? 4.5f : 3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(hair.darker());
            g.draw(new Arc2D.Double(cx - eyeDx - 15, eyeY - 16, 30, 14, 20, 140, Arc2D.OPEN));
            g.draw(new Arc2D.Double(cx + eyeDx - 15, eyeY - 16, 30, 14, 20, 140, Arc2D.OPEN));
            for (double ex : new double[] {cx - eyeDx, cx + eyeDx}) {
                g.setColor(Color.WHITE);
                g.fill(new Ellipse2D.Double(ex - 11, eyeY - 5, 22, 11));
                g.setColor(new Color(50, 32, 22));
                g.fill(new Ellipse2D.Double(ex - 4.5, eyeY - 4.5, 9, 9));
            }
            if (r.nextInt(4) == 0) { // glasses
                g.setStroke(new BasicStroke(2f));
                g.setColor(new Color(40, 40, 40));
                g.draw(new Ellipse2D.Double(cx - eyeDx - 19, eyeY - 14, 38, 28));
                g.draw(new Ellipse2D.Double(cx + eyeDx - 19, eyeY - 14, 38, 28));
                g.drawLine((int) (cx - eyeDx + 19), (int) eyeY, (int) (cx + eyeDx - 19), (int) eyeY);
            }
            g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.setColor(skin.darker().darker());
            double noseY = top + faceH * 0.66;
            g.draw(new Arc2D.Double(cx - 10, noseY - 8, 20, 12, 200, 140, Arc2D.OPEN));
            g.setColor(new Color(160, 80, 75));
            double mouthW = 34 + r.nextInt(14);
            g.draw(new Arc2D.Double(cx - mouthW / 2, top + faceH * 0.74, mouthW, 12, 200, 140, Arc2D.OPEN));
            if (elderly) {
                g.setColor(skin.darker());
                g.setStroke(new BasicStroke(1.2f));
                g.draw(new Arc2D.Double(cx - faceW * 0.3, top + faceH * 0.2, faceW * 0.6, 12, 20, 140, Arc2D.OPEN));
            }
        } finally {
            g.dispose();
        }
        addGrain(image, r);
        return image;
    }

    /** Camera-like noise: what gives a real photo's JPEG its size. */
    private static void addGrain(BufferedImage image, SplittableRandom r) {
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int noise = r.nextInt(15) - 7;
            int rgb = pixels[i];
            int red = clamp(((rgb >>> 16) & 0xFF) + noise + r.nextInt(5) - 2);
            int green = clamp(((rgb >>> 8) & 0xFF) + noise);
            int blue = clamp((rgb & 0xFF) + noise + r.nextInt(5) - 2);
            pixels[i] = (red << 16) | (green << 8) | blue;
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** JPEG at the quality that lands the file in 15–20 KB (a few encodes, then cached). */
    static byte[] jpegOfRealisticSize(BufferedImage image) {
        float quality = 0.6f;
        float step = 0.2f;
        byte[] best = null;
        for (int attempt = 0; attempt < 8; attempt++) {
            byte[] jpeg = jpeg(image, quality);
            best = jpeg;
            if (jpeg.length < MIN_BYTES) {
                quality = Math.min(0.98f, quality + step);
            } else if (jpeg.length > MAX_BYTES) {
                quality = Math.max(0.05f, quality - step);
            } else {
                break;
            }
            step /= 2;
        }
        return best;
    }

    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            return write(writer, image, quality);
        } finally {
            writer.dispose();
        }
    }

    /**
     * JPEG 2000 through whatever ImageIO plug-in is on the class path.
     *
     * @throws UnsupportedOperationException when none is: the JDK has no JPEG 2000 encoder of its own
     */
    static byte[] jpeg2000(BufferedImage image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg2000");
        if (!writers.hasNext()) {
            // TODO add com.github.jai-imageio:jai-imageio-jpeg2000 (test scope is enough) to encode the JPEG 2000 face
            throw new UnsupportedOperationException(
                    "no JPEG 2000 ImageIO writer on the class path (add com.github.jai-imageio:jai-imageio-jpeg2000)");
        }
        ImageWriter writer = writers.next();
        try {
            return write(writer, image, 0.25f);
        } finally {
            writer.dispose();
        }
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, float quality) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(24_000);
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                if (param.getCompressionType() == null && param.getCompressionTypes() != null) {
                    param.setCompressionType(param.getCompressionTypes()[0]);
                }
                param.setCompressionQuality(quality);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the face image", e);
        }
        return out.toByteArray();
    }
}
