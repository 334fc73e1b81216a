package vn.clinicterm.card.internal;

import java.time.DateTimeException;
import java.time.LocalDate;

/** ICAO 9303-3 §4.9 check digits, and the YYMMDD shape. */
public final class MrzCheckDigits {

    private static final int[] WEIGHTS = {7, 3, 1};

    private MrzCheckDigits() {}

    /**
     * The check digit over {@code field}: digits count as themselves, A–Z as 10–35, {@code <} as 0.
     *
     * @throws IllegalArgumentException for any other character
     */
    public static char of(String field) {
        int sum = 0;
        for (int i = 0; i < field.length(); i++) {
            sum += value(field.charAt(i)) * WEIGHTS[i % 3];
        }
        return (char) ('0' + sum % 10);
    }

    private static int value(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        } else if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        } else if (c == '<') {
            return 0;
        }
        throw new IllegalArgumentException("a character an MRZ cannot hold");
    }

    /** Six digits forming a day that exists in some year (29 February included). */
    public static boolean isYymmdd(String text) {
        if (text == null || !text.matches("[0-9]{6}")) {
            return false;
        }
        try {
            // 2000 is a leap year, so every MMDD valid in any year is valid in it.
            LocalDate.of(2000, Integer.parseInt(text.substring(2, 4)), Integer.parseInt(text.substring(4, 6)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
