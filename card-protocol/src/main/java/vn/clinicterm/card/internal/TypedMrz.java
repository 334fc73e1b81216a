package vn.clinicterm.card.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.clinicterm.card.AccessKey;

/**
 * An MRZ typed or scanned at the counter: TD1 (3 lines of 30, or the first two) or TD3 (2 lines of 44). Only what an
 * access key needs is taken, after every check digit on the way has been verified. Messages never echo the input.
 */
public final class TypedMrz {

    private TypedMrz() {}

    public static AccessKey.Mrz parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the MRZ is empty");
        }
        List<String> lines = lines(text);
        for (String line : lines) {
            if (!line.matches("[A-Z0-9<]*")) {
                throw new IllegalArgumentException("the MRZ contains characters an MRZ cannot hold (only A-Z, 0-9, <)");
            }
        }
        if ((lines.size() == 2 || lines.size() == 3) && lines.stream().allMatch(l -> l.length() == 30)) {
            return td1(lines.get(0), lines.get(1));
        }
        if (lines.size() == 2 && lines.get(0).length() == 44 && lines.get(1).length() == 44) {
            return td3(lines.get(1));
        }
        throw new IllegalArgumentException(
                "not an MRZ: expected 2 or 3 lines of 30 characters (ID card) or 2 lines of 44 (passport)");
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.toUpperCase(Locale.ROOT).split("\\R")) {
            String compact = line.replaceAll("\\s", "");
            if (!compact.isEmpty()) {
                lines.add(compact);
            }
        }
        // A scanner that drops line breaks: one run of 90 or 60 (TD1) or 88 (TD3) characters.
        if (lines.size() == 1) {
            String run = lines.get(0);
            int width = run.length() == 90 || run.length() == 60 ? 30 : run.length() == 88 ? 44 : 0;
            if (width > 0) {
                lines.clear();
                for (int i = 0; i < run.length(); i += width) {
                    lines.add(run.substring(i, i + width));
                }
            }
        }
        return lines;
    }

    private static AccessKey.Mrz td1(String line1, String line2) {
        String number = line1.substring(5, 14);
        char numberCheck = line1.charAt(14);
        if (numberCheck == '<' && line1.charAt(15) != '<') {
            // ICAO 9303-5: a document number longer than 9 continues in the optional data, its check digit last.
            String optional = line1.substring(15, 30);
            int end = optional.indexOf('<');
            String extension = end < 0 ? optional : optional.substring(0, end);
            if (extension.length() < 2) {
                throw new IllegalArgumentException("the long document number in line 1 is cut short");
            }
            number = number + extension.substring(0, extension.length() - 1);
            numberCheck = extension.charAt(extension.length() - 1);
        }
        require(number, numberCheck, "document number");
        String birth = line2.substring(0, 6);
        require(birth, line2.charAt(6), "date of birth");
        String expiry = line2.substring(8, 14);
        require(expiry, line2.charAt(14), "date of expiry");
        String composite = line1.substring(5, 30) + line2.substring(0, 7) + line2.substring(8, 15)
                + line2.substring(18, 29);
        require(composite, line2.charAt(29), "whole MRZ (composite)");
        return key(number, birth, expiry);
    }

    private static AccessKey.Mrz td3(String line2) {
        String number = line2.substring(0, 9);
        require(number, line2.charAt(9), "document number");
        String birth = line2.substring(13, 19);
        require(birth, line2.charAt(19), "date of birth");
        String expiry = line2.substring(21, 27);
        require(expiry, line2.charAt(27), "date of expiry");
        char personalCheck = line2.charAt(42);
        String personal = line2.substring(28, 42);
        if (!(personalCheck == '<' && personal.chars().allMatch(c -> c == '<'))) {
            require(personal, personalCheck, "personal number");
        }
        String composite = line2.substring(0, 10) + line2.substring(13, 20) + line2.substring(21, 43);
        require(composite, line2.charAt(43), "whole MRZ (composite)");
        return key(number, birth, expiry);
    }

    private static AccessKey.Mrz key(String number, String birth, String expiry) {
        String trimmed = number.replaceAll("<+$", "");
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the MRZ has no document number");
        }
        return new AccessKey.Mrz(trimmed, birth, expiry);
    }

    private static void require(String field, char check, String what) {
        if (check < '0' || check > '9' || MrzCheckDigits.of(field) != check) {
            throw new IllegalArgumentException("the check digit of the " + what
                    + " does not match: the MRZ was typed or scanned wrongly");
        }
    }
}
