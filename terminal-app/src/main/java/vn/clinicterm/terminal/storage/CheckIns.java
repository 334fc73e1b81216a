package vn.clinicterm.terminal.storage;

/** Helpers shared by the visit log's values. */
final class CheckIns {
    private CheckIns() {}

    /** First and last four of a 12-digit number (a third each of shorter ones), the rest as •: {@code 0010••••7064}. */
    static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return "";
        }
        int shown = Math.min(4, number.length() / 3);
        return number.substring(0, shown) + "•".repeat(number.length() - 2 * shown)
                + number.substring(number.length() - shown);
    }
}
