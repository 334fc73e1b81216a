package vn.clinicterm.card.trust.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.security.auth.x500.X500Principal;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.RevocationStatus;
import vn.clinicterm.card.trust.TrustStatus;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.trust.TrustedCsca;

/** The {@link TrustStore} in a directory: {@code trust-store.txt}, its previous copy, and a lock file. */
public final class DiskTrustStore implements TrustStore {

    private final Path dir;
    private final Path file;
    private final Path previous;
    private final Path lockFile;
    private final Clock clock;
    private final Config config;
    private volatile StoreState state;
    private Object stamp;

    private DiskTrustStore(Path dir, Clock clock, Config config) {
        this.dir = dir;
        this.file = dir.resolve(StoreFile.FILE_NAME);
        this.previous = dir.resolve(StoreFile.PREVIOUS_NAME);
        this.lockFile = dir.resolve(StoreFile.LOCK_NAME);
        this.clock = clock;
        this.config = config;
    }

    public static TrustStore open(Path dir, Clock clock, Config config) throws IOException {
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve(StoreFile.LOCK_NAME))) {
            Files.createFile(dir.resolve(StoreFile.LOCK_NAME)); // now, so that later imports change no listing
        }
        DiskTrustStore store = new DiskTrustStore(dir, clock, config);
        store.reload();
        return store;
    }

    public static boolean restoreLastGoodCopy(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve(StoreFile.LOCK_NAME), StandardOpenOption.WRITE,
                StandardOpenOption.CREATE)) {
            FileLock lock = channel.lock();
            try {
                return StoreFile.restorePrevious(dir);
            } finally {
                lock.release();
            }
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
            throw new vn.clinicterm.card.trust.TrustStoreCorruptedException(dir.resolve(StoreFile.PREVIOUS_NAME),
                    e.getMessage(), null);
        }
    }

    private void reload() throws IOException {
        Object now = stampOf();
        if (state == null || !now.equals(stamp)) {
            state = StoreFile.read(file, previous);
            stamp = now;
        }
    }

    private Object stampOf() throws IOException {
        if (!Files.exists(file)) {
            return "absent";
        }
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return a.size() + "|" + a.lastModifiedTime().toMillis() + "|" + a.fileKey();
    }

    @Override
    public Path directory() {
        return dir;
    }

    @Override
    public synchronized ImportReport importFile(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            FileLock lock = channel.lock();
            try {
                return importLocked(path);
            } finally {
                lock.release();
            }
        }
    }

    private ImportReport importLocked(Path path) throws IOException {
        reload(); // another process may have imported since we read
        Importer importer = new Importer(state, config, clock.instant());
        ImportReport report = importer.importPath(path);
        if (importer.changed()) {
            StoreState next = importer.result();
            StoreFile.write(dir, next);
            state = next;
            stamp = stampOf();
        }
        return report;
    }

    @Override
    public List<TrustedCsca> cscas() {
        return state.trusted();
    }

    @Override
    public List<TrustedCsca> cscas(String countryAlpha2) {
        String wanted = countryAlpha2.trim().toUpperCase(Locale.ROOT);
        return state.trusted().stream().filter(c -> c.country().equals(wanted)).toList();
    }

    @Override
    public List<X509Certificate> candidatesFor(X500Principal issuer, byte[] authorityKeyIdentifierOrNull) {
        StoreState s = state;
        String akiHex = authorityKeyIdentifierOrNull == null ? "" : HexFormat.of().formatHex(authorityKeyIdentifierOrNull);
        Set<StoreState.Cert> found = new LinkedHashSet<>();
        if (!akiHex.isEmpty()) {
            found.addAll(s.bySki.getOrDefault(akiHex, List.of()));
        }
        List<StoreState.Cert> byName = new ArrayList<>(s.bySubject.getOrDefault(Certs.nameKey(issuer), List.of()));
        byName.sort(Comparator.comparing((StoreState.Cert c) -> c.holder().getNotBefore()).reversed());
        found.addAll(byName);
        return found.stream().map(StoreState.Cert::certificate).toList();
    }

    @Override
    public RevocationStatus revocationStatus(X509Certificate documentSigner, Instant at) {
        StoreState.Crl crl = state.crlsByIssuer.get(Certs.nameKey(documentSigner.getIssuerX500Principal()));
        if (crl == null) {
            return new RevocationStatus.Unknown(RevocationStatus.UnknownReason.NO_CRL_FOR_ISSUER,
                    "no CRL from " + documentSigner.getIssuerX500Principal().getName(X500Principal.RFC2253));
        }
        if (!crl.verified()) {
            return new RevocationStatus.Unknown(RevocationStatus.UnknownReason.CRL_SIGNATURE_UNVERIFIED,
                    "the CRL's signature was not verified");
        }
        BigInteger serial = documentSigner.getSerialNumber();
        X509CRLEntry entry = crl.crl().getRevokedCertificate(serial);
        if (entry != null) {
            return new RevocationStatus.Revoked(entry.getRevocationDate().toInstant(),
                    entry.getRevocationReason() == null ? "" : entry.getRevocationReason().name());
        }
        Instant thisUpdate = crl.holder().getThisUpdate().toInstant();
        if (crl.holder().getNextUpdate() == null) {
            return new RevocationStatus.Unknown(RevocationStatus.UnknownReason.CRL_STALE,
                    "the CRL (thisUpdate " + thisUpdate + ") has no nextUpdate");
        }
        Instant nextUpdate = crl.holder().getNextUpdate().toInstant();
        if (nextUpdate.isBefore(at)) {
            return new RevocationStatus.Unknown(RevocationStatus.UnknownReason.CRL_STALE,
                    "the CRL's nextUpdate " + nextUpdate + " is before " + at);
        }
        return new RevocationStatus.Good(thisUpdate, nextUpdate);
    }

    @Override
    public TrustStatus status() {
        StoreState s = state;
        Instant now = clock.instant();
        List<TrustStatus.Source> sources = new ArrayList<>();
        Optional<Instant> last = Optional.empty();
        for (StoreState.Source src : s.sources) {
            sources.add(new TrustStatus.Source(src.name(), src.kind(), src.importedAt(), src.certificates(),
                    src.certificatesAdded(), src.crls(), src.signatureVerified(), src.verification(), src.sha256()));
            if (last.isEmpty() || src.importedAt().isAfter(last.get())) {
                last = Optional.of(src.importedAt());
            }
        }
        List<TrustStatus.Crl> crls = new ArrayList<>();
        boolean anyStale = false;
        for (StoreState.Crl c : s.crlsByIssuer.values()) {
            Optional<Instant> next = Optional.ofNullable(c.holder().getNextUpdate()).map(java.util.Date::toInstant);
            boolean stale = next.isEmpty() || next.get().isBefore(now);
            anyStale |= stale;
            crls.add(new TrustStatus.Crl(Certs.rfc2253(c.holder().getIssuer()), Certs.country(c.holder().getIssuer()),
                    c.holder().getThisUpdate().toInstant(), next, stale, c.holder().getRevokedCertificates().size(),
                    s.sources.get(c.sourceId()).name()));
        }
        crls.sort(Comparator.comparing(TrustStatus.Crl::country).thenComparing(TrustStatus.Crl::issuer));
        List<TrustedCsca> trusted = s.trusted();
        SortedSet<String> countries = new TreeSet<>();
        int links = 0;
        for (TrustedCsca c : trusted) {
            if (!c.country().isEmpty()) {
                countries.add(c.country());
            }
            links += c.link() ? 1 : 0;
        }
        TrustStatus.Freshness freshness = trusted.isEmpty() ? TrustStatus.Freshness.EMPTY
                : crls.isEmpty() ? TrustStatus.Freshness.NO_CRLS
                : anyStale ? TrustStatus.Freshness.STALE_CRLS
                : TrustStatus.Freshness.CURRENT;
        return new TrustStatus(now, sources, trusted.size(), links, countries, crls, freshness, last);
    }
}
