package vn.clinicterm.centralsim;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.SyntheticCitizens;

/**
 * The simulator's insurance register: one entry per {@code SyntheticCitizens.citizen(n)}, n = 1..50, decided by n
 * alone so every run and machine agrees.
 *
 * <table>
 *   <caption>Who is what</caption>
 *   <tr><th>n</th><th>status</th><th>central reasonCode</th><th>BHXH maKetQua</th></tr>
 *   <tr><td>{@code n % 10 == 7} (7, 17, 27, 37, 47)</td><td>not in the register</td><td>NOT_FOUND</td><td>050</td></tr>
 *   <tr><td>{@code n % 10 == 3} (3, 13, 23, 33, 43)</td><td>card expired 2025-12-31</td><td>EXPIRED</td>
 *       <td>010</td></tr>
 *   <tr><td>{@code n % 10 == 9} (9, 19, 29, 39, 49)</td><td>eligible, 80 % benefit (card "GD4…")</td><td>VALID</td>
 *       <td>000</td></tr>
 *   <tr><td>11, 36</td><td>eligible on a renewed card</td><td>CARD_RENEWED</td><td>004</td></tr>
 *   <tr><td>22</td><td>card revoked</td><td>REVOKED</td><td>110</td></tr>
 *   <tr><td>44</td><td>taken off the roll (báo giảm)</td><td>COVERAGE_WITHDRAWN</td><td>120</td></tr>
 *   <tr><td>every other n</td><td>eligible, 100 % (card "DN2…")</td><td>VALID</td><td>000</td></tr>
 * </table>
 * Eligible cards run 2026-01-01..2026-12-31; even n have 5 continuous years from 2021-01-01. Card numbers are 15
 * characters: 2-letter group, benefit digit, 2-digit province (from the ID), the ID's last 10 digits.
 * Citizens beyond 50 are not in the register.
 */
public final class InsuredPeople {

    /** The register's verdict for a person. */
    public enum Status {
        ELIGIBLE,
        REDUCED_BENEFIT,
        CARD_RENEWED,
        EXPIRED,
        REVOKED,
        WITHDRAWN
    }

    /** One insured person; {@code previousCardNumber} is set for renewed cards. */
    public record Insured(
            int n,
            SimCitizen citizen,
            Status status,
            String cardNumber,
            Optional<String> previousCardNumber,
            LocalDate validFrom,
            LocalDate validTo,
            String registeredFacility,
            int benefitLevel,
            Optional<LocalDate> fiveYearContinuousFrom) {}

    public static final int SIZE = 50;
    private static final Map<String, Insured> BY_ID = new LinkedHashMap<>();
    private static final Map<String, Insured> BY_CARD = new LinkedHashMap<>();

    static {
        for (int n = 1; n <= SIZE; n++) {
            insured(n).ifPresent(i -> {
                BY_ID.put(i.citizen().idNumber(), i);
                BY_CARD.put(i.cardNumber(), i);
                i.previousCardNumber().ifPresent(c -> BY_CARD.put(c, i));
            });
        }
    }

    private InsuredPeople() {}

    /** The register's entry for citizen {@code n}, or empty when not insured (see the table). */
    public static Optional<Insured> insured(int n) {
        if (n < 1 || n > SIZE || n % 10 == 7) {
            return Optional.empty();
        }
        SimCitizen c = SyntheticCitizens.citizen(n);
        Status status = n % 10 == 3 ? Status.EXPIRED
                : n % 10 == 9 ? Status.REDUCED_BENEFIT
                : n == 11 || n == 36 ? Status.CARD_RENEWED
                : n == 22 ? Status.REVOKED
                : n == 44 ? Status.WITHDRAWN
                : Status.ELIGIBLE;
        String province = c.idNumber().substring(1, 3);
        String tail = c.idNumber().substring(2);
        String card = (status == Status.REDUCED_BENEFIT ? "GD4" : "DN2") + province + tail;
        Optional<String> previous = status == Status.CARD_RENEWED ? Optional.of("HS4" + province + tail)
                : Optional.empty();
        boolean expired = status == Status.EXPIRED;
        LocalDate from = expired ? LocalDate.of(2025, 1, 1) : LocalDate.of(2026, 1, 1);
        LocalDate to = expired ? LocalDate.of(2025, 12, 31) : LocalDate.of(2026, 12, 31);
        String facility = province + String.format(Locale.ROOT, "%03d", 1 + n % 20);
        int level = status == Status.REDUCED_BENEFIT ? 80 : 100;
        Optional<LocalDate> five = n % 2 == 0 ? Optional.of(LocalDate.of(2021, 1, 1)) : Optional.empty();
        return Optional.of(new Insured(n, c, status, card, previous, from, to, facility, level, five));
    }

    public static Optional<Insured> byIdNumber(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    public static Optional<Insured> byCardNumber(String card) {
        return Optional.ofNullable(BY_CARD.get(card));
    }

    public static Map<String, Insured> all() {
        return Collections.unmodifiableMap(BY_ID);
    }

    /** Names compare case-insensitively, in NFC, with runs of spaces collapsed. */
    public static boolean sameName(String a, String b) {
        return normal(a).equals(normal(b));
    }

    private static String normal(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
