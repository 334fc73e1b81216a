package vn.clinicterm.cardsim;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** One fault a simulated card can carry; several may be combined. Names are what the CLI takes. */
public enum FaultProfile {
    TAMPERED_DG("tampered-dg", "DG1 (and DG13) changed after signing: a hash mismatch"),
    BAD_SOD_SIGNATURE("bad-sod-signature", "the SOD signature does not verify"),
    UNKNOWN_CSCA("unknown-csca", "the document signer is issued by a CSCA no trust store knows"),
    EXPIRED_DSC("expired-dsc", "the document signer certificate expired before today"),
    REVOKED_DSC("revoked-dsc", "the document signer certificate is on the test CSCA's CRL"),
    CLONE("clone", "the chip's CA and AA keys are not the ones DG14/DG15 publish"),
    NO_EXTENDED_LENGTH("no-extended-length", "extended-length APDUs are refused with 6700"),
    RESPONSE_CAP_1024("response-cap-1024", "responses carry at most 1024 data bytes"),
    DROPS_SM_AFTER_ERROR("drops-sm-after-error", "any error ends secure messaging; the error comes back in plain"),
    SLOW("slow", "every APDU takes an extra 50 ms"),
    TEAR("tear", "the card leaves the field after 40 APDUs (set another count with tear=N)"),
    MALFORMED_DG13("malformed-dg13", "DG13 carries a broken TLV (length past the end)"),
    MALFORMED_SOD("malformed-sod", "EF.SOD carries a broken TLV"),
    RSA_AA("rsa-aa", "Active Authentication with an RSA key (ISO 9796-2) instead of ECDSA"),
    RSA_PSS("rsa-pss", "the document is signed under the RSA-PSS test CSCA instead of the brainpool one"),
    JPEG2000("jpeg2000", "the DG2 face is JPEG 2000 instead of JPEG"),
    NO_PACE("no-pace", "a passport-like chip: no EF.CardAccess, no DG13, BAC only");

    private final String cliName;
    private final String description;

    FaultProfile(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** Parses one CLI name (case-insensitive); unknown names are an {@link IllegalArgumentException} naming them. */
    public static FaultProfile fromCliName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.cliName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown profile '" + name + "'"));
    }

    /** Parses a comma-separated list such as {@code clone,slow}; empty means a genuine card. */
    public static Set<FaultProfile> parseList(String list) {
        Set<FaultProfile> result = EnumSet.noneOf(FaultProfile.class);
        if (list == null || list.isBlank()) {
            return result;
        }
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                result.add(fromCliName(part.split("=", 2)[0]));
            }
        }
        return result;
    }
}
