package vn.clinicterm.terminal.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.TrustStatus;
import vn.clinicterm.card.trust.TrustStore;

/**
 * Provisions a user's trust store from the trust material the configuration names ({@link ConfigKeys#TRUST_ANCHORS},
 * typically preset by IT in the system-wide file): a master list, CSCA certificates, CRLs, an LDIF file, or a
 * directory of them, imported exactly as {@code clinicterm trust import} would.
 *
 * <p>Contract of {@link #provision}:
 * <ul>
 *   <li>The material is imported when this store was never provisioned from it, when the files changed since (their
 *       names, sizes and modification times, and the configured path), or when the store no longer holds what was
 *       imported (a {@code clinicterm trust restore} to an older copy). Otherwise nothing is read but the directory
 *       listing: a start costs no import.
 *   <li>What was imported is kept in a small marker file in the store's directory ({@value #MARKER_NAME}), written by
 *       an atomic rename only after every file was accepted. A refused file (bad signature, not trust material)
 *       leaves the marker as it was, so the next call tries again; the store itself keeps every file it took before
 *       and the good files of this import (a {@link TrustStore} import is all or nothing per file).
 *   <li>It never throws: bad material, an invalid setting and an unreadable path are {@link Outcome}s, their messages
 *       naming the key, the path and the file at fault.
 * </ul>
 * Deleting the marker makes the next call import the material again (harmless: the store keeps one copy of each
 * certificate).
 */
public final class TrustAnchors {

    /** The marker file in the trust store's directory. */
    public static final String MARKER_NAME = "trust-anchors.provisioned";

    private static final String MARKER_HEADER = "# ClinicTerm: the trust.anchors material this trust store holds"
            + " completely; delete this file to import it again";

    private TrustAnchors() {}

    /** What {@link #provision} did; {@link #describe()} is one line for people (logs, admin screen, self-test). */
    public sealed interface Outcome {

        /** One line naming the key, the path and, for a failure, the files at fault. */
        String describe();

        /** Whether the configured material could not be (completely) imported. */
        default boolean failed() {
            return this instanceof Refused || this instanceof Unusable;
        }
    }

    /** {@code trust.anchors} is not set: the store is left alone. */
    public record NotConfigured() implements Outcome {
        @Override
        public String describe() {
            return ConfigKeys.TRUST_ANCHORS.name() + " is not set";
        }
    }

    /**
     * The store already holds the material as it is now: nothing was imported.
     *
     * @param source the configured path
     * @param files how many files it has
     */
    public record UpToDate(Path source, int files) implements Outcome {
        @Override
        public String describe() {
            return ConfigKeys.TRUST_ANCHORS.name() + " " + source + ": up to date (" + count(files) + ")";
        }
    }

    /**
     * Every file was imported (some may have brought nothing new); the marker now records them.
     *
     * @param source the configured path
     * @param files the names of the files imported, sorted
     * @param certificatesAdded certificates the store did not have before
     * @param crlsAdded CRLs that became the latest of their issuer
     */
    public record Imported(Path source, List<String> files, int certificatesAdded, int crlsAdded) implements Outcome {
        public Imported {
            files = List.copyOf(files);
        }

        @Override
        public String describe() {
            return "provisioned from " + ConfigKeys.TRUST_ANCHORS.name() + " " + source + ": " + count(files.size())
                    + " imported (" + certificatesAdded
                    + (certificatesAdded == 1 ? " new certificate, " : " new certificates, ") + crlsAdded
                    + (crlsAdded == 1 ? " CRL taken)" : " CRLs taken)");
        }
    }

    /**
     * At least one file was refused; the store kept what it had and took the other files. Tried again next time.
     *
     * @param source the configured path
     * @param imported the names of the files the store took, sorted
     * @param refused the files it refused, each with the store's reason
     */
    public record Refused(Path source, List<String> imported, List<Refusal> refused) implements Outcome {
        public Refused {
            imported = List.copyOf(imported);
            refused = List.copyOf(refused);
        }

        @Override
        public String describe() {
            return ConfigKeys.TRUST_ANCHORS.name() + " " + source + ": "
                    + refused.stream().map(r -> r.file() + " refused (" + r.reason() + ")")
                            .collect(Collectors.joining("; "))
                    + (imported.isEmpty() ? "" : "; " + count(imported.size()) + " imported")
                    + "; the trust store keeps what it had; tried again at the next start";
        }
    }

    /**
     * One file the store did not take.
     *
     * @param file its name (or the configured path, when the path itself was refused, e.g. an empty directory)
     * @param reason the store's reason, e.g. {@code not imported: the certificate's signature does not verify}
     */
    public record Refusal(String file, String reason) {
        public Refusal {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The setting is invalid, or the material or the store cannot be read or written; nothing was imported.
     *
     * @param problem names the key, where it was set or the path, and what is wrong
     */
    public record Unusable(String problem) implements Outcome {
        public Unusable {
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public String describe() {
            return problem;
        }
    }

    /** One file of the material as listed: cheap to take at every start. */
    private record Listed(String name, Path path, long size, long modifiedMillis) {}

    /** What the marker records of one file. */
    private record Marked(String name, long size, long modifiedMillis, String sha256) {

        String line() {
            return "file " + size + " " + modifiedMillis + " " + sha256 + " " + name;
        }

        boolean sameAs(Listed l) {
            return name.equals(l.name()) && size == l.size() && modifiedMillis == l.modifiedMillis();
        }
    }

    /**
     * Imports the material {@code trust.anchors} names into {@code store} when it changed since the last complete
     * import into this store (see the class contract). Never throws.
     */
    public static Outcome provision(TerminalConfig config, TrustStore store) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        Optional<Path> configured;
        try {
            configured = config.find(ConfigKeys.TRUST_ANCHORS);
        } catch (ConfigException e) {
            return new Unusable(e.getMessage());
        }
        if (configured.isEmpty()) {
            return new NotConfigured();
        }
        Path source = configured.get().toAbsolutePath().normalize();
        String where = ConfigKeys.TRUST_ANCHORS.name() + " " + source
                + config.source(ConfigKeys.TRUST_ANCHORS).map(s -> " (set in " + s.describe() + ")").orElse("");
        List<Listed> listed;
        try {
            listed = list(source);
        } catch (IOException e) {
            return new Unusable(where + ": cannot be read (" + reason(e) + ")");
        }
        Path marker = store.directory().resolve(MARKER_NAME);
        if (upToDate(marker, source, listed, store)) {
            return new UpToDate(source, listed.size());
        }
        List<Marked> marked = new ArrayList<>();
        for (Listed l : listed) {
            try {
                marked.add(new Marked(l.name(), l.size(), l.modifiedMillis(), sha256(l.path())));
            } catch (IOException e) {
                return new Unusable(where + ": " + l.path() + " cannot be read (" + reason(e) + ")");
            }
        }
        ImportReport report;
        try {
            report = store.importFile(source);
        } catch (IOException e) {
            return new Unusable(where + ": not imported into the trust store in " + store.directory() + " ("
                    + reason(e) + ")");
        }
        List<ImportReport> perFile = report.perFile().isEmpty() ? List.of(report) : report.perFile();
        List<String> imported = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (ImportReport r : perFile) {
            if (r.accepted()) {
                imported.add(r.source());
            } else {
                refused.add(new Refusal(r.source(), r.message()));
            }
        }
        if (!report.accepted() && refused.isEmpty()) {
            refused.add(new Refusal(report.source(), report.message()));
        }
        if (!refused.isEmpty()) {
            return new Refused(source, imported, refused);
        }
        try {
            writeMarker(marker, source, marked);
        } catch (IOException e) {
            // the store has the material; only the next start's shortcut is lost, so it imports once more
            return new Unusable(where + ": imported, but the marker " + marker + " cannot be written (" + reason(e)
                    + "); imported again at the next start");
        }
        return new Imported(source, imported, report.certificatesAdded(), report.crlsAdded());
    }

    /** The files an import of {@code source} reads, as {@link TrustStore#importFile} picks them, sorted by name. */
    private static List<Listed> list(Path source) throws IOException {
        if (!Files.isDirectory(source)) {
            return List.of(listed(source));
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(source)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        List<Listed> out = new ArrayList<>();
        for (Path f : files) {
            out.add(listed(f));
        }
        return out;
    }

    private static Listed listed(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new Listed(file.getFileName().toString(), file, a.size(), a.lastModifiedTime().toMillis());
    }

    /**
     * Whether the marker names this source and exactly these files unchanged, and the store still holds every one of
     * them (by content hash, as the store records its sources).
     */
    private static boolean upToDate(Path marker, Path source, List<Listed> listed, TrustStore store) {
        Optional<List<Marked>> marked = readMarker(marker, source);
        if (marked.isEmpty() || marked.get().size() != listed.size() || listed.isEmpty()) {
            return false;
        }
        for (int i = 0; i < listed.size(); i++) {
            if (!marked.get().get(i).sameAs(listed.get(i))) {
                return false;
            }
        }
        Set<String> held = store.status().sources().stream().map(TrustStatus.Source::sha256)
                .collect(Collectors.toSet());
        return marked.get().stream().allMatch(m -> held.contains(m.sha256()));
    }

    /** The files the marker records for {@code source}; empty when there is no marker, or it is for another path. */
    private static Optional<List<Marked>> readMarker(Path marker, Path source) {
        List<String> lines;
        try {
            lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
        } catch (IOException e) { // none, unreadable or not UTF-8: as if never provisioned
            return Optional.empty();
        }
        boolean sameSource = false;
        List<Marked> files = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("source ")) {
                sameSource = line.substring("source ".length()).equals(source.toString());
            } else if (line.startsWith("file ")) {
                String[] f = line.split(" ", 5);
                if (f.length != 5) {
                    return Optional.empty();
                }
                try {
                    files.add(new Marked(f[4], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3]));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return sameSource ? Optional.of(files) : Optional.empty();
    }

    /** Replaces the marker by an atomic rename of a fully written and synced temporary file. */
    private static void writeMarker(Path marker, Path source, List<Marked> files) throws IOException {
        StringBuilder text = new StringBuilder(MARKER_HEADER).append('\n');
        text.append("source ").append(source).append('\n');
        for (Marked m : files) {
            text.append(m.line()).append('\n');
        }
        Path temp = Files.createTempFile(marker.getParent(), MARKER_NAME + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            try {
                Files.move(temp, marker, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, marker, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String count(int files) {
        return files == 1 ? "1 file" : files + " files";
    }

    private static String reason(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
