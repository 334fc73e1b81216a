package vn.clinicterm.terminal.app;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import vn.clinicterm.terminal.storage.AuditVerification;
import vn.clinicterm.terminal.storage.CloneCheck;
import vn.clinicterm.terminal.storage.Eligibility;
import vn.clinicterm.terminal.storage.ExportRequest;
import vn.clinicterm.terminal.storage.Indication;

/**
 * What the auditor screen shows: a snapshot from {@link AuditorViewModel}. Rows carry masked ID numbers only.
 *
 * @param from the first day of the last search (or the default range before any)
 * @param to the last day, inclusive
 * @param rows the visits found, oldest first (as the log and its exports order them), at most {@link AuditorViewModel#MAX_ROWS}
 * @param truncated more visits matched than are shown
 * @param searched a search has run (an empty list then means "none found", not "not searched yet")
 * @param lastExport the export written last in this session
 * @param verification the result of the last export verification
 * @param chain the audit chain's status, once checked
 * @param message a problem or a hint, as a bundle key with arguments
 */
public record AuditorState(
        LocalDate from,
        LocalDate to,
        Optional<Indication> indication,
        Optional<Eligibility> eligibility,
        boolean searching,
        List<Row> rows,
        boolean truncated,
        boolean searched,
        boolean exporting,
        Optional<ExportDone> lastExport,
        boolean verifying,
        Optional<ExportCheck> verification,
        boolean checkingChain,
        Optional<AuditVerification> chain,
        Optional<Message> message,
        Permissions permissions) {

    public AuditorState {
        rows = List.copyOf(rows);
    }

    /** One visit in the result list: safe to show on a screen others can see. */
    public record Row(long visitId, LocalDateTime time, String maskedIdNumber, String fullName, Indication indication,
            boolean overrideByStaff, CloneCheck cloneCheck, boolean cloneSuspected, Eligibility eligibility,
            String staffUser, String terminalId) {}

    /** An export that was written, with its signed manifest beside it. */
    public record ExportDone(Path file, Path manifest, ExportRequest.Format format, long rows, String sha256,
            long chainHeadSeq, boolean fullIds) {}

    /** What checking an export against its manifest found. */
    public sealed interface ExportCheck {
        Path file();

        /** Signature and hash check out and the signer is this terminal. */
        record Valid(Path file, String format, long rows, LocalDate from, LocalDate to, boolean fullIds,
                long chainHeadSeq, String terminalId, boolean signedByThisTerminal) implements ExportCheck {}

        /** @param reason from the visit log, in English: which check failed */
        record Invalid(Path file, String reason) implements ExportCheck {}
    }

    /** What the logged-in role may do here; the screen disables the rest and says why. */
    public record Permissions(boolean search, boolean export, boolean verifyAudit) {}

    /** {@code auditor.message.<KIND>} in the bundle, with {@code args}. */
    public record Message(Kind kind, List<String> args) {
        public Message {
            args = List.copyOf(args);
        }

        public static Message of(Kind kind, String... args) {
            return new Message(kind, List.of(args));
        }

        public boolean isProblem() {
            return kind != Kind.EXPORTED;
        }

        public enum Kind {
            /** arg 0: the text that is not a dd/MM/yyyy date. */
            BAD_DATE,
            /** The range ends before it starts. */
            BAD_RANGE,
            /** The role may not search visits. */
            SEARCH_NOT_PERMITTED,
            /** The role may not export visits. */
            EXPORT_NOT_PERMITTED,
            /** The role may not check the audit chain. */
            AUDIT_NOT_PERMITTED,
            /** No file name given. */
            NO_FILE,
            /** arg 0: the directory that does not exist. */
            NO_SUCH_DIRECTORY,
            /** arg 0: the file written, arg 1: rows. */
            EXPORTED,
            /** The visit log could not be read or written; details are in the log. */
            STORAGE_FAILED
        }
    }
}
