package vn.clinicterm.packaging;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The application icon, drawn at build time (no binary in the repository): a teal tile with a white ID card whose
 * chip is gold. PNG for Linux; Windows and macOS want {@code .ico}/{@code .icns}, which clinic IT may drop into the
 * resource directory, otherwise jpackage's default icon is used there.
 */
final class Icon {

    static final int SIZE = 256;

    private Icon() {}

    static Optional<Path> write(Path dir, String os) throws IOException {
        if (os.contains("win") || os.contains("mac")) {
            return Optional.empty();
        }
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        Path png = dir.resolve(Bundler.NAME + ".png");
        ImageIO.write(draw(), "png", png.toFile());
        return Optional.of(png);
    }

    static BufferedImage draw() {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setPaint(new GradientPaint(0, 0, new Color(0x0F766E), SIZE, SIZE, new Color(0x115E59)));
            g.fill(new RoundRectangle2D.Float(8, 8, SIZE - 16, SIZE - 16, 56, 56));
            // the card
            g.setColor(Color.WHITE);
            g.fill(new RoundRectangle2D.Float(36, 70, 184, 118, 18, 18));
            // the chip
            g.setColor(new Color(0xD4A017));
            g.fill(new RoundRectangle2D.Float(56, 100, 44, 36, 8, 8));
            g.setColor(new Color(0x8A6A0F));
            g.setStroke(new BasicStroke(2f));
            g.drawLine(56, 118, 100, 118);
            g.drawLine(78, 100, 78, 136);
            // text lines
            g.setColor(new Color(0x94A3B8));
            g.fillRect(116, 102, 84, 8);
            g.fillRect(116, 120, 64, 8);
            g.fillRect(56, 152, 144, 8);
            // the check mark
            g.setColor(new Color(0x22C55E));
            g.fillOval(164, 150, 64, 64);
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(9f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.drawPolyline(new int[] {180, 193, 213}, new int[] {183, 196, 170}, 3);
        } finally {
            g.dispose();
        }
        return img;
    }
}
