package vn.clinicterm.card.verify;

import java.util.Arrays;
import java.util.Optional;

/**
 * The checks the verifier makes, in the order it makes them (which is also the order in which their sub-indications
 * take precedence in the verdict). {@link #id()} is what policy files, JSON and message keys use.
 */
public enum CheckId {
    SOD_FORMAT("sod.format"),
    SOD_SIGNATURE("sod.signature"),
    DATA_GROUP_HASHES("dg.hashes"),
    UNSIGNED_DATA_GROUPS("dg.unsigned"),
    UNREAD_DATA_GROUPS("dg.unread"),
    CERTIFICATE_PATH("pki.path"),
    CERTIFICATE_VALIDITY("pki.validity"),
    REVOCATION("pki.revocation"),
    ALGORITHMS("crypto.algorithms"),
    CHIP_AUTHENTICATION("chip.authentication"),
    DATA_GROUP_FORMAT("lds.format"),
    MRZ_ACCESS_KEY("mrz.accessKey"),
    MRZ_DG13("mrz.dg13"),
    COM_CONSISTENCY("lds.com"),
    DOCUMENT_EXPIRY("document.expiry");

    private final String id;

    CheckId(String id) {
        this.id = id;
    }

    /** The stable name, e.g. {@code sod.signature}. */
    public String id() {
        return id;
    }

    public static Optional<CheckId> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
