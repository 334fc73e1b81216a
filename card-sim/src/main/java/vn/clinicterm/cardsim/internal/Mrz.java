package vn.clinicterm.cardsim.internal;

import java.text.Normalizer;
import java.util.Locale;
import net.sf.scuba.data.Gender;
import org.jmrtd.lds.icao.MRZInfo;
import vn.clinicterm.cardsim.SimCitizen;

/** The CCCD's TD1 machine readable zone. */
public final class Mrz {

    private Mrz() {}

    /**
     * Line 1 is {@code IDVNM}, the last 9 ID digits and their check digit, then the optional data as the CCCD fills it:
     * the full 12-digit ID, {@code <<} and the ID's check digit.
     */
    public static MRZInfo of(SimCitizen citizen, String givenNamesOverride) {
        String id = citizen.idNumber();
        String optionalData = id + "<<" + MRZInfo.checkDigit(id);
        String[] words = latin(citizen.fullName()).split(" ");
        String surname = words[0];
        String given = givenNamesOverride != null ? givenNamesOverride
                : String.join("<", java.util.Arrays.copyOfRange(words, 1, words.length));
        return MRZInfo.createTD1MRZInfo("ID", "VNM", citizen.documentNumber(), optionalData,
                citizen.mrzDateOfBirth(), citizen.gender() == SimCitizen.Gender.MALE ? Gender.MALE : Gender.FEMALE,
                citizen.mrzDateOfExpiry(), "VNM", "", surname, given);
    }

    /** The MRZ form of the given names ({@code VAN<AN}), for a caller that wants to alter them. */
    public static String givenNames(SimCitizen citizen) {
        String[] words = latin(citizen.fullName()).split(" ");
        return String.join("<", java.util.Arrays.copyOfRange(words, 1, words.length));
    }

    /** Vietnamese without diacritics, upper case: {@code Đặng Thị Hương} → {@code DANG THI HUONG}. */
    public static String latin(String vietnamese) {
        String stripped = Normalizer.normalize(vietnamese.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        return stripped.toUpperCase(Locale.ROOT);
    }
}
