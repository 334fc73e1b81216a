package vn.clinicterm.terminal.storage;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An auditor's export: days {@code from}..{@code to} (inclusive), as CSV rows or a PDF summary, to {@code out}
 * (a manifest is written beside it as {@code out.manifest.json}).
 *
 * @param ids full ID numbers only when the auditor asks; that choice is recorded in the audit chain
 * @param actor the auditor
 */
public record ExportRequest(LocalDate from, LocalDate to, Format format, Path out, IdDisplay ids, String actor) {

    public enum Format {
        CSV,
        PDF
    }

    public enum IdDisplay {
        MASKED,
        FULL
    }

    public ExportRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(actor, "actor");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the export ends (" + to + ") before it starts (" + from + ")");
        }
    }

    public Path manifest() {
        return out.resolveSibling(out.getFileName() + ".manifest.json");
    }
}
