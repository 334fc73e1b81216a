package vn.clinicterm.card;

/** How the terminal got access to the chip's data. */
public enum AccessMethod {
    /** Password Authenticated Connection Establishment (with the CAN or the MRZ), AES secure messaging. */
    PACE,
    /** Basic Access Control (with the MRZ), 3DES secure messaging. */
    BAC
}
