package vn.clinicterm.cardsim;

import java.time.LocalDate;
import vn.clinicterm.cardsim.internal.CitizenGenerator;

/**
 * A deterministic catalogue of synthetic Vietnamese citizens: citizen {@code n} is the same person on every machine
 * and in every run. They are invented: names, IDs and addresses are drawn from lists, and any resemblance to a real
 * person is chance.
 *
 * <p>IDs follow the real structure: the province code of the place of origin, the gender/century digit (0/1 male/female
 * born 19xx, 2/3 born 20xx), the birth year's last two digits and a 6-digit serial. Most people born before 2000 also
 * have an old 9-digit CMND number. Cards were issued 2021–2025, after the holder turned 14; the expiry follows the
 * renewal ages 25, 40 and 60, a card issued in the 2 years before such an age staying valid until the next one, and a
 * card issued from 58 on never expiring.
 *
 * <p>Relative to {@link #REFERENCE_DATE} (2026-11-28), in the catalogue 1..50:
 * <ul>
 *   <li>citizen 1 is a typical adult: Nguyễn Văn An, male, born 1985-03-12 in Hà Nội, ID {@code 001085012345},
 *       valid until 2045-03-12;
 *   <li>expired: 3, 10, 16, 17, 24, 31, 38, 45;
 *   <li>no expiry: 5, 14, 15, 18, 20, 21, 25, 30, 35, 40, 44, 47, 49, 50;
 *   <li>every {@code n} with {@code n % 7 == 3} is expired by construction (3, 10, 17, …), also beyond 50; every
 *       other {@code n} with {@code n % 5 == 0} was born 1940–1960 and has no expiry.
 * </ul>
 */
public final class SyntheticCitizens {

    /** The day the expiry facts above are stated for. */
    public static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 11, 28);

    private static final int CATALOGUE_SIZE = 50;

    private SyntheticCitizens() {}

    /** Citizen {@code n}, for any {@code n >= 1}; the same {@code n} always gives an equal citizen. */
    public static SimCitizen citizen(int n) {
        return CitizenGenerator.generate(n);
    }

    /** How many citizens the catalogue lists (1..count()); higher numbers are valid too, just not listed. */
    public static int count() {
        return CATALOGUE_SIZE;
    }
}
