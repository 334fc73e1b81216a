package vn.clinicterm.card;

/** Progress of a read, in order, for the UI's step display. */
public enum ReadStep {
    CONNECTED,
    ACCESS_GRANTED,
    IDENTITY_READ,
    FACE_READ,
    SECURITY_DATA_READ,
    CHIP_AUTHENTICATED,
    DONE
}
