package vn.clinicterm.terminal.app;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.clinicterm.card.ReadStep;
import vn.clinicterm.card.verify.Indication;
import vn.clinicterm.card.verify.SimpleReport;
import vn.clinicterm.card.verify.SubIndication;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.terminal.storage.VisitSummary;

/**
 * One immutable snapshot of the reception screen. The view renders it whole; nothing in it is JavaFX. Texts that
 * depend on the language are keys ({@link Notice.Kind}) or come localized from the verifier ({@link SimpleReport}).
 *
 * @param readerName the reader in use, {@code ""} before one is seen
 * @param lastStep the last completed step of the current read
 * @param patient what the card says, as soon as the chip gave it up (before verification)
 * @param photo the face as an image file JavaFX can show (JPEG or PNG), once read
 * @param eligibilityChecking an eligibility question is on its way
 * @param notice the one thing staff must know now (a problem and its next step), if any
 * @param keyAutoFilled demo only: the access key was filled from the simulated card, not typed or scanned
 * @param consent whether the patient's consent is needed before the chip is read, and whether staff confirmed it
 * @param cloneCheck how the anti-cloning step of the current read came out (its progress mark)
 */
public record ReceptionState(
        ReaderStatus readerStatus,
        String readerName,
        Phase phase,
        Optional<ReadStep> lastStep,
        Optional<Patient> patient,
        Optional<byte[]> photo,
        Optional<Verdict> verdict,
        boolean eligibilityChecking,
        Optional<EligibilityResult> eligibility,
        CheckInStatus checkIn,
        long visitId,
        Optional<Notice> notice,
        AccessKeyInput keyInput,
        boolean keyAutoFilled,
        ConsentPrompt consent,
        CloneCheckMark cloneCheck,
        List<VisitSummary> today,
        Locale locale,
        boolean demo) {

    public ReceptionState {
        today = List.copyOf(today);
    }

    public enum ReaderStatus {
        STARTING,
        /** pcscd / WinSCard is not running. */
        SERVICE_UNAVAILABLE,
        NO_READER,
        EMPTY,
        CARD_PRESENT
    }

    public enum Phase {
        /** No card, or a finished read whose card was taken back (the result stays until the next card). */
        IDLE,
        /** A card is in, the access key is not entered yet. */
        NEED_KEY,
        /**
         * A card is in and the key is ready, but the consent policy refused to read the chip: the patient's consent
         * is not confirmed (or is too old). Nothing was read; confirming consent starts the read.
         */
        NEED_CONSENT,
        READING,
        /** Identity read; verifying. */
        VERIFYING,
        DONE,
        FAILED
    }

    public enum CheckInStatus {
        /** Nothing to check in yet. */
        UNAVAILABLE,
        READY,
        /** Verification FAILED: a check-in is refused unless staff overrides. */
        NEEDS_OVERRIDE,
        IN_PROGRESS,
        RECORDED,
        /** The same card was checked in a moment ago: no second visit. */
        DUPLICATE,
        REFUSED,
        /** The consent policy refused to store the visit (the consent is missing or too old): ask again, confirm. */
        CONSENT_REFUSED,
        FAILED
    }

    /**
     * The consent step at the counter (issue 9). The view shows {@code notice} for staff to read out, and a
     * confirmation action, only when {@code required}.
     *
     * @param required the consent policy refuses to read a chip without the patient's consent
     * @param confirmed staff confirmed that the current (or next) patient agreed; holds for one patient
     * @param notice the one-line notice in the state's language
     * @param noticeVersion the notice's wording version, stored with the consent
     * @param confirmedAt when staff confirmed, if they did
     */
    public record ConsentPrompt(boolean required, boolean confirmed, String notice, String noticeVersion,
            Optional<java.time.Instant> confirmedAt) {

        /** Staff must still act before the chip may be read. */
        public boolean pending() {
            return required && !confirmed;
        }
    }

    /** The mark of the anti-cloning step ("Chống nhân bản"): a tick only when the verifier accepted the proof. */
    public enum CloneCheckMark {
        /** Not reached yet, or the verifier has not judged it yet. */
        NOT_YET,
        /** Chip or Active Authentication ran and the verifier counted it: the chip is not a clone. */
        PASSED,
        /** The chip failed Chip or Active Authentication: clone suspected. */
        FAILED,
        /** The check could not run or does not count (no CA/AA, not covered by the signed data, not verifiable). */
        UNCONFIRMED
    }

    /** What the card says about its holder, ready for a screen others can see (masked ID). */
    public record Patient(String fullName, Optional<LocalDate> dateOfBirth, String gender, String maskedIdNumber,
            String residence, Optional<LocalDate> expiryDate, boolean cardExpired) {}

    /** The verifier's outcome and the receptionist's one sentence, in the state's locale. */
    public record Verdict(Indication indication, Optional<SubIndication> subIndication, SimpleReport simple) {

        public boolean cloneSuspected() {
            return subIndication.filter(s -> s == SubIndication.CLONE_SUSPECTED).isPresent();
        }
    }

    /** A message for staff; the view looks up {@code notice.<kind>} in its bundle and formats it with {@code args}. */
    public record Notice(Kind kind, List<String> args) {

        public Notice {
            args = List.copyOf(args);
        }

        public static Notice of(Kind kind, String... args) {
            return new Notice(kind, List.of(args));
        }

        public boolean isProblem() {
            return kind != Kind.DEMO_KEY_FILLED && kind != Kind.WAITING_FOR_CARD && kind != Kind.PATIENT_LINE_COPIED;
        }

        public enum Kind {
            SERVICE_UNAVAILABLE,
            NO_READER,
            NOT_A_CCCD_QR,
            KEY_INCOMPLETE,
            WAITING_FOR_CARD,
            WRONG_KEY,
            WRONG_KEY_REPEATED,
            KEY_CANNOT_OPEN,
            CARD_REMOVED_EARLY,
            NO_CARD,
            MALFORMED,
            READ_FAILED,
            TRUST_STORE_UNUSABLE,
            CHECK_IN_REFUSED,
            /** Reading (or storing) refused: the policy needs the patient's consent and none is confirmed. */
            CONSENT_NEEDED,
            /** The confirmed consent is too old for the policy: ask the patient again. */
            CONSENT_EXPIRED,
            /** The MRZ document number is not the 9 digits of the MRZ or the 12-digit ID. */
            MRZ_BAD_NUMBER,
            /** The MRZ date of birth is not a date (dd/MM/yyyy, ddMMyyyy or the MRZ's YYMMDD). */
            MRZ_BAD_BIRTH_DATE,
            /** The MRZ expiry date is not a date. */
            MRZ_BAD_EXPIRY_DATE,
            READ_ONLY,
            STORAGE_FAILED,
            /** The checked-in patient's line is on its way to the clipboard (argument: the visit id). */
            PATIENT_LINE_COPIED,
            /** The patient line could not be made (the visit could not be read, or the copy not audited). */
            PATIENT_LINE_FAILED,
            DEMO_KEY_FILLED
        }
    }
}
