package vn.clinicterm.terminal.storage.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.Indication;
import vn.clinicterm.terminal.storage.VisitRecord;

/**
 * The manager's summary: visits per day (a bar chart), verification outcomes, eligibility mix and anomalies (failed
 * verifications recorded by staff override, clone suspicions), on one or two A4 pages. Only counts and masked IDs.
 *
 * <p>PDF's standard fonts cannot encode Vietnamese, so a TrueType font is embedded: the system property
 * {@code clinicterm.pdf.font}, else DejaVu Sans (Debian: {@code fonts-dejavu-core}) or Arial where present. Without
 * one the text is folded to ASCII ({@code Nguyễn} → {@code Nguyen}) rather than failing.
 */
public final class PdfSummary {

    private static final List<String> FONT_CANDIDATES = List.of(
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/TTF/DejaVuSans.ttf",
            "/usr/share/fonts/dejavu/DejaVuSans.ttf",
            "C:\\Windows\\Fonts\\arial.ttf",
            "/Library/Fonts/Arial Unicode.ttf",
            "/System/Library/Fonts/Supplemental/Arial.ttf");
    private static final int MAX_ANOMALIES = 20;

    private PdfSummary() {}

    /** The first usable TrueType font file, if any. */
    public static java.util.Optional<Path> unicodeFont() {
        String configured = System.getProperty("clinicterm.pdf.font");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return java.util.Optional.of(Path.of(configured));
        }
        return FONT_CANDIDATES.stream().map(Path::of).filter(Files::isRegularFile).findFirst();
    }

    private record Anomaly(String time, String maskedId, String what) {}

    /** Reads the visits once, keeping only counts and up to 20 anomalies; returns how many visits it summarised. */
    public static long write(Stream<VisitRecord> visits, OutputStream out, ZoneId zone, LocalDate from, LocalDate to,
            String terminalId) throws IOException {
        Map<LocalDate, Long> perDay = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to) && perDay.size() < 366; d = d.plusDays(1)) {
            perDay.put(d, 0L);
        }
        Map<Indication, Long> outcomes = new EnumMap<>(Indication.class);
        Map<Eligibility, Long> eligibility = new EnumMap<>(Eligibility.class);
        List<Anomaly> anomalies = new ArrayList<>();
        long[] counts = new long[4]; // total, overrides, clone suspicions, anomalies
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        visits.forEach(v -> {
            counts[0]++;
            LocalDate day = v.time().atZone(zone).toLocalDate();
            perDay.merge(day, 1L, Long::sum);
            outcomes.merge(v.indication(), 1L, Long::sum);
            eligibility.merge(v.eligibility(), 1L, Long::sum);
            String what = null;
            if (v.overrideByStaff()) {
                counts[1]++;
                what = "FAILED" + (v.subIndication().isEmpty() ? "" : " " + v.subIndication())
                        + ", nhân viên ghi nhận / staff override";
            } else if (v.indication() != Indication.PASSED) {
                what = v.indication().name() + (v.subIndication().isEmpty() ? "" : " " + v.subIndication());
            }
            if (v.cloneSuspected()) {
                counts[2]++;
                String clone = "nghi sao chép / clone? " + v.cloneCheck()
                        + (v.cloneCheckConfirmed() ? "" : " không xác nhận / unconfirmed");
                what = what == null ? clone : what + "; " + clone;
            }
            if (what != null) {
                counts[3]++;
                if (anomalies.size() < MAX_ANOMALIES) {
                    anomalies.add(new Anomaly(hm.format(v.time().atZone(zone)), v.maskedIdNumber(), what));
                }
            }
        });

        try (PDDocument doc = new PDDocument()) {
            java.util.Optional<Path> fontFile = unicodeFont();
            PDFont font;
            boolean unicode;
            if (fontFile.isPresent()) {
                PDFont loaded;
                try {
                    loaded = PDType0Font.load(doc, fontFile.get().toFile());
                } catch (IOException | RuntimeException e) {
                    loaded = null;
                }
                font = loaded != null ? loaded : new PDType1Font(Standard14Fonts.FontName.HELVETICA);
                unicode = loaded != null;
            } else {
                font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
                unicode = false;
            }
            Page page = new Page(doc, font, unicode);
            page.text(20, "Báo cáo lượt khám / Visit report");
            page.text(10, "Từ / from " + from + " đến / to " + to + " · máy / terminal " + terminalId);
            page.gap(6);
            page.text(12, "Tổng số lượt khám / visits: " + counts[0]);
            page.gap(4);
            page.text(13, "Số lượt khám theo ngày / visits per day");
            page.barChart(perDay);
            page.text(13, "Kết quả xác thực thẻ / verification outcomes");
            for (Indication i : Indication.values()) {
                page.text(10, "   " + label(i) + ": " + outcomes.getOrDefault(i, 0L));
            }
            page.text(10, "   Ghi nhận do nhân viên quyết định / recorded by staff override: " + counts[1]);
            page.gap(4);
            page.text(13, "Tình trạng BHYT / eligibility");
            for (Eligibility e : Eligibility.values()) {
                page.text(10, "   " + label(e) + ": " + eligibility.getOrDefault(e, 0L));
            }
            page.gap(4);
            page.text(13, "Bất thường / anomalies: " + counts[3] + " (nghi sao chép / clone suspicions: " + counts[2]
                    + ")");
            for (Anomaly a : anomalies) {
                page.text(9, "   " + a.time() + "  " + a.maskedId() + "  " + a.what());
            }
            if (counts[3] > anomalies.size()) {
                page.text(9, "   … " + (counts[3] - anomalies.size()) + " more: see the CSV export");
            }
            page.close();
            doc.save(out);
        }
        return counts[0];
    }

    private static String label(Indication i) {
        return switch (i) {
            case PASSED -> "Hợp lệ / passed";
            case FAILED -> "Không hợp lệ / failed";
            case INDETERMINATE -> "Chưa kết luận / indeterminate";
        };
    }

    private static String label(Eligibility e) {
        return switch (e) {
            case PENDING -> "Đang chờ / pending";
            case ELIGIBLE -> "Đủ điều kiện / eligible";
            case NOT_ELIGIBLE -> "Không đủ điều kiện / not eligible";
            case UNKNOWN_PERSON -> "Không tìm thấy / unknown person";
            case ERROR -> "Lỗi / error";
        };
    }

    /** Text folded to ASCII for the standard fonts: diacritics dropped, đ → d. */
    static String ascii(String s) {
        String folded = Normalizer.normalize(s.replace('đ', 'd').replace('Đ', 'D'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        StringBuilder out = new StringBuilder(folded.length());
        for (char c : folded.toCharArray()) {
            out.append(c == '·' ? '-' : c == '…' ? '.' : c == '•' ? '*' : c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    /** Lays text out top-down, starting a second page when the first is full (anomalies can be many). */
    private static final class Page {
        private static final float MARGIN = 50;
        private final PDDocument doc;
        private final PDFont font;
        private final boolean unicode;
        private PDPageContentStream cs;
        private float y;
        private int pages;

        Page(PDDocument doc, PDFont font, boolean unicode) throws IOException {
            this.doc = doc;
            this.font = font;
            this.unicode = unicode;
            newPage();
        }

        private void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
            pages++;
        }

        void gap(float points) {
            y -= points;
        }

        void text(float size, String s) throws IOException {
            if (y < MARGIN + size && pages < 2) {
                newPage();
            } else if (y < MARGIN + size) {
                return;
            }
            y -= size * 1.4f;
            String shown = fit(unicode ? s : ascii(s), size);
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(MARGIN, y);
            try {
                cs.showText(shown);
            } catch (IllegalArgumentException e) {
                cs.showText(ascii(shown)); // a glyph the font lacks
            }
            cs.endText();
        }

        private String fit(String s, float size) throws IOException {
            float max = PDRectangle.A4.getWidth() - 2 * MARGIN;
            String t = s;
            try {
                while (t.length() > 10 && font.getStringWidth(t) / 1000 * size > max) {
                    t = t.substring(0, t.length() - 2);
                }
            } catch (IllegalArgumentException e) {
                return ascii(s);
            }
            return t;
        }

        void barChart(Map<LocalDate, Long> perDay) throws IOException {
            float height = 140;
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            if (y - height - 30 < MARGIN) {
                newPage();
            }
            float top = y - 8;
            float base = top - height;
            long max = Math.max(1, perDay.values().stream().mapToLong(Long::longValue).max().orElse(1));
            int n = Math.max(1, perDay.size());
            float slot = width / n;
            float bar = Math.max(1f, slot * 0.7f);
            cs.setStrokingColor(0.3f, 0.3f, 0.3f);
            cs.moveTo(MARGIN, base);
            cs.lineTo(MARGIN + width, base);
            cs.stroke();
            int i = 0;
            int labelEvery = Math.max(1, n / 10);
            for (Map.Entry<LocalDate, Long> e : perDay.entrySet()) {
                float h = height * e.getValue() / max;
                float x = MARGIN + i * slot + (slot - bar) / 2;
                cs.setNonStrokingColor(0.16f, 0.45f, 0.70f);
                cs.addRect(x, base, bar, h);
                cs.fill();
                if (i % labelEvery == 0) {
                    cs.setNonStrokingColor(0f, 0f, 0f);
                    cs.beginText();
                    cs.setFont(font, 6);
                    cs.newLineAtOffset(x, base - 9);
                    cs.showText(e.getKey().format(DateTimeFormatter.ofPattern("dd/MM")));
                    cs.endText();
                }
                i++;
            }
            cs.setNonStrokingColor(0f, 0f, 0f);
            cs.beginText();
            cs.setFont(font, 7);
            cs.newLineAtOffset(MARGIN, top + 2);
            cs.showText("max " + max);
            cs.endText();
            y = base - 18;
        }

        void close() throws IOException {
            cs.close();
        }
    }
}
