package vn.clinicterm.terminal.storage.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.stream.Stream;
import vn.clinicterm.terminal.storage.VisitRecord;

/**
 * The auditors' CSV: UTF-8 with a byte-order mark (so Excel shows Vietnamese), a header row, ISO-8601 dates and
 * times with offset, RFC 4180 quoting, one row per visit written as it is read. Cells that a spreadsheet would take
 * for a formula are prefixed with an apostrophe.
 */
public final class CsvExport {

    static final String HEADER = "visit_id,time,terminal_id,staff_user,id_number,full_name,date_of_birth,gender,"
            + "verification,sub_indication,reasons,access_method,clone_check,clone_check_confirmed,override_by_staff,"
            + "eligibility,consent_notice_version";

    private CsvExport() {}

    /** Writes every visit of the stream; returns the number of rows (not counting the header). */
    public static long write(Stream<VisitRecord> visits, OutputStream out, ZoneId zone, boolean fullIds)
            throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(nonClosing(out), StandardCharsets.UTF_8), 1 << 16);
        w.write('\uFEFF');
        w.write(HEADER);
        w.write("\r\n");
        DateTimeFormatter iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
        long rows = 0;
        StringBuilder line = new StringBuilder(256);
        Iterator<VisitRecord> it = visits.iterator();
        try {
            while (it.hasNext()) {
                VisitRecord v = it.next();
                line.setLength(0);
                line.append(v.visitId()).append(',');
                line.append(iso.format(v.time().truncatedTo(ChronoUnit.MILLIS).atZone(zone))).append(',');
                cell(line, v.terminalId()).append(',');
                cell(line, v.staffUser()).append(',');
                cell(line, fullIds ? v.idNumber() : v.maskedIdNumber()).append(',');
                cell(line, v.fullName()).append(',');
                line.append(v.dateOfBirth().map(LocalDate::toString).orElse("")).append(',');
                cell(line, v.gender()).append(',');
                line.append(v.indication().name()).append(',');
                cell(line, v.subIndication()).append(',');
                cell(line, String.join(";", v.reasons())).append(',');
                line.append(v.accessMethod().name()).append(',');
                line.append(v.cloneCheck().name()).append(',');
                line.append(v.cloneCheckConfirmed()).append(',');
                line.append(v.overrideByStaff()).append(',');
                line.append(v.eligibility().name()).append(',');
                cell(line, v.consent().map(c -> c.noticeVersion()).orElse(""));
                line.append("\r\n");
                w.append(line);
                rows++;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
        return rows;
    }

    private static StringBuilder cell(StringBuilder line, String value) {
        if (value == null || value.isEmpty()) {
            return line;
        }
        String v = value;
        char first = v.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            v = "'" + v;
        }
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            return line.append(v);
        }
        return line.append('"').append(v.replace("\"", "\"\"")).append('"');
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
    }
}
