package vn.clinicterm.centralsim;

import java.util.Map;

/**
 * The hook for the BHXH check-in call ({@code POST /api/qd130/checkInKcbQd3176}, issue 9 §3). The simulator already
 * routes the call, authenticates it (headers {@code accessToken}, {@code tokenId}, {@code passwordHash}) and checks the
 * form envelope ({@code username}, {@code loaiHoSo=0}, {@code maTinh}, {@code maCSKCB}, {@code fileHSBase64}); without a
 * receiver it answers 501. The XML0 field rules and the signature check belong to the receiver
 * ({@link SimCheckInReceiver}).
 */
public interface CheckInReceiver {

    /**
     * @param decision the decision version in the path (3176, or 4750 for the previous one)
     * @param form the form fields, already validated as above
     * @param xml0 the decoded {@code fileHSBase64}
     * @return the JSON fields of the answer (e.g. {@code maKetQua}, {@code maGiaoDich}, {@code thoiGianTiepNhan})
     */
    Map<String, Object> receive(int decision, Map<String, String> form, byte[] xml0);
}
