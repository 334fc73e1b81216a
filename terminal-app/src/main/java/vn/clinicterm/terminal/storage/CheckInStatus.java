package vn.clinicterm.terminal.storage;

import java.util.Optional;

/**
 * Where a visit's BHXH check-in record (XML0, issue 9) stands.
 *
 * @param maGiaoDich the gateway's transaction code, once accepted
 * @param thoiGianTiepNhan when the gateway received it, as the gateway wrote it ({@code yyyyMMddHHmmss})
 * @param error why it was refused (field names and rules, never values)
 */
public record CheckInStatus(State state, Optional<String> maGiaoDich, Optional<String> thoiGianTiepNhan,
        Optional<String> error) {

    public enum State { NONE, QUEUED, SENT, REFUSED }
}
