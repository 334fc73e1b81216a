package vn.clinicterm.card.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The store file cannot be read back (truncated, edited, bit rot). The store keeps the copy it replaced last;
 * {@link TrustStore#restoreLastGoodCopy(Path)} puts it back.
 */
public final class TrustStoreCorruptedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient Path lastGoodCopy;

    public TrustStoreCorruptedException(Path file, String problem, Path lastGoodCopyOrNull) {
        super("trust store file " + file + " is corrupt (" + problem + ")"
                + (lastGoodCopyOrNull == null ? "" : "; the previous copy " + lastGoodCopyOrNull
                        + " can be restored (clinicterm trust restore)"));
        this.file = file;
        this.lastGoodCopy = lastGoodCopyOrNull;
    }

    public Path file() {
        return file;
    }

    public Optional<Path> lastGoodCopy() {
        return Optional.ofNullable(lastGoodCopy);
    }
}
