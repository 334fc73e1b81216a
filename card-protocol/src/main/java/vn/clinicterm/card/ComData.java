package vn.clinicterm.card;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * EF.COM: the LDS version and the tags of the data groups the chip says it holds. EF.COM is not signed; the SOD is
 * what counts.
 *
 * @param ldsVersion e.g. {@code 1.7}
 * @param unicodeVersion e.g. {@code 4.0.0}
 * @param tags the data group tags in file order, e.g. {@code 0x61} for DG1, {@code 0x75} for DG2
 */
public record ComData(String ldsVersion, String unicodeVersion, List<Integer> tags) {

    public ComData {
        Objects.requireNonNull(ldsVersion, "ldsVersion");
        Objects.requireNonNull(unicodeVersion, "unicodeVersion");
        tags = List.copyOf(tags);
    }

    /** The data group numbers the tag list names, in file order; tags that name no data group are left out. */
    public List<Integer> dataGroups() {
        List<Integer> numbers = new ArrayList<>();
        for (int tag : tags) {
            int number = dataGroupNumber(tag);
            if (number > 0) {
                numbers.add(number);
            }
        }
        return List.copyOf(numbers);
    }

    /** ICAO 9303-10 data group tags; 0 for a tag that names no data group. */
    static int dataGroupNumber(int tag) {
        return switch (tag) {
            case 0x61 -> 1;
            case 0x75 -> 2;
            case 0x63 -> 3;
            case 0x76 -> 4;
            case 0x65 -> 5;
            case 0x66 -> 6;
            case 0x67 -> 7;
            case 0x68 -> 8;
            case 0x69 -> 9;
            case 0x6A -> 10;
            case 0x6B -> 11;
            case 0x6C -> 12;
            case 0x6D -> 13;
            case 0x6E -> 14;
            case 0x6F -> 15;
            case 0x70 -> 16;
            default -> 0;
        };
    }
}
