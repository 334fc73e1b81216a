package vn.clinicterm.sync.internal;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.clinicterm.sync.ReasonCode;

/**
 * The BHXH gateway's {@code maKetQua} codes and what each means for the counter, as data. Every row is tested.
 *
 * <p>Choices worth knowing: codes where the gateway cannot vouch for the person (MoD/MPS-managed cards, children
 * without a card) are UNKNOWN_PERSON, not NOT_ELIGIBLE — staff check the paper card instead. 120–124 are "báo giảm"
 * (taken off the insurance roll), so NOT_ELIGIBLE, not a lower benefit level. 100/101 are the insurer's own trouble
 * and resolve by waiting, so PENDING. 401 triggers one re-login before it becomes an ERROR.
 */
public final class BhxhResultCodes {

    /** What the terminal does with a code. */
    public enum Action {
        ELIGIBLE,
        NOT_ELIGIBLE,
        UNKNOWN_PERSON,
        PENDING,
        ERROR,
        /** Log in again and retry once; ERROR(AUTH_FAILED) if it happens again. */
        RELOGIN
    }

    /** One row of the table. {@code meaning} is the gateway's sense, in English, for logs and the IT screen. */
    public record Row(String code, Action action, ReasonCode reason, String meaning) {}

    private static final Map<String, Row> TABLE = new TreeMap<>();

    private static void row(String code, Action action, ReasonCode reason, String meaning) {
        TABLE.put(code, new Row(code, action, reason, meaning));
    }

    static {
        row("000", Action.ELIGIBLE, ReasonCode.VALID, "card valid");
        row("001", Action.UNKNOWN_PERSON, ReasonCode.MANAGED_BY_MOD, "card managed by the Ministry of Defence");
        row("002", Action.UNKNOWN_PERSON, ReasonCode.MANAGED_BY_MPS, "card managed by the Ministry of Public Security");
        row("003", Action.ELIGIBLE, ReasonCode.CARD_RENEWED, "old card expired, new card issued");
        row("004", Action.ELIGIBLE, ReasonCode.CARD_RENEWED, "old card still valid, new card issued");
        row("010", Action.NOT_ELIGIBLE, ReasonCode.EXPIRED, "card expired");
        row("050", Action.UNKNOWN_PERSON, ReasonCode.NOT_FOUND, "card not found");
        row("051", Action.UNKNOWN_PERSON, ReasonCode.INVALID_CARD_CODE, "card code invalid");
        row("052", Action.UNKNOWN_PERSON, ReasonCode.INVALID_CARD_CODE, "card code invalid");
        row("053", Action.UNKNOWN_PERSON, ReasonCode.INVALID_CARD_CODE, "card code invalid");
        row("054", Action.ERROR, ReasonCode.STAFF_NOT_REGISTERED, "staff member not registered");
        row("055", Action.ERROR, ReasonCode.STAFF_NOT_REGISTERED, "staff member details do not match registration");
        row("060", Action.NOT_ELIGIBLE, ReasonCode.NAME_MISMATCH, "name does not match the card");
        row("061", Action.NOT_ELIGIBLE, ReasonCode.NAME_MISMATCH, "name does not match the card");
        row("070", Action.NOT_ELIGIBLE, ReasonCode.DOB_MISMATCH, "date of birth does not match the card");
        row("100", Action.PENDING, ReasonCode.DATA_ERROR, "insurer data error");
        row("101", Action.PENDING, ReasonCode.SERVER_ERROR, "insurer server error");
        row("110", Action.NOT_ELIGIBLE, ReasonCode.REVOKED, "card revoked");
        for (int c = 120; c <= 124; c++) {
            row(String.valueOf(c), Action.NOT_ELIGIBLE, ReasonCode.COVERAGE_WITHDRAWN, "taken off the roll (báo giảm)");
        }
        row("130", Action.UNKNOWN_PERSON, ReasonCode.CHILD_WITHOUT_CARD, "child without a card");
        row("205", Action.ERROR, ReasonCode.BAD_PARAMETER, "bad parameter in our request");
        row("401", Action.RELOGIN, ReasonCode.AUTH_FAILED, "token refused");
    }

    private BhxhResultCodes() {}

    public static Optional<Row> lookup(String code) {
        return Optional.ofNullable(TABLE.get(code));
    }

    /** Every row, in code order (for tests and documentation). */
    public static Map<String, Row> all() {
        return java.util.Collections.unmodifiableMap(TABLE);
    }

    /**
     * The benefit level from the card code's third character (mức hưởng): 1, 2 and 5 → 100 %, 3 → 95 %, 4 → 80 %.
     */
    public static Optional<Integer> benefitLevel(String cardNumber) {
        if (cardNumber.length() != 15) {
            return Optional.empty();
        }
        return switch (cardNumber.charAt(2)) {
            case '1', '2', '5' -> Optional.of(100);
            case '3' -> Optional.of(95);
            case '4' -> Optional.of(80);
            default -> Optional.empty();
        };
    }
}
