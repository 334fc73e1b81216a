package vn.clinicterm.card.trust.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import vn.clinicterm.card.trust.ImportKind;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.TrustStore;

/**
 * Applies one import to a copy of the store's content. Each file is a transaction of its own: it is tried on a copy
 * and merged only when accepted, so a directory import takes its good files and none of a bad file.
 */
final class Importer {

    private final TrustStore.Config config;
    private final Instant now;
    private Working working;
    private boolean changed;

    Importer(StoreState base, TrustStore.Config config, Instant now) {
        this.working = new Working(base);
        this.config = config;
        this.now = now;
    }

    boolean changed() {
        return changed;
    }

    StoreState result() {
        return working.freeze();
    }

    ImportReport importPath(Path path) throws IOException {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (Files.isDirectory(path)) {
            return importDirectory(path, name);
        }
        return importFile(name, Files.readAllBytes(path));
    }

    private ImportReport importFile(String name, byte[] bytes) {
        return importDecoded(name, bytes, Input.decode(bytes));
    }

    private ImportReport importDecoded(String name, byte[] bytes, Input input) {
        Working trial = working.copy();
        ImportReport report = new FileImport(trial, name, input).run(Certs.sha256(bytes));
        if (report.accepted()) {
            working = trial;
            changed = true;
        }
        return report;
    }

    private ImportReport importDirectory(Path dir, String name) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            return ImportReport.rejected(ImportKind.DIRECTORY, name, "the directory has no files to import");
        }
        record Pending(Path file, byte[] bytes, Input input) {}
        List<Pending> pending = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            pending.add(new Pending(file, bytes, Input.decode(bytes)));
        }
        // lists and LDIF bring CSCAs, certificates bring CSCAs and links, CRLs need their CSCA: that order
        List<ImportKind> order = List.of(ImportKind.MASTER_LIST, ImportKind.LDIF, ImportKind.CERTIFICATE,
                ImportKind.CRL, ImportKind.UNRECOGNISED);
        List<Pending> ordered = new ArrayList<>(pending);
        ordered.sort(Comparator.comparingInt(p -> order.indexOf(p.input().kind())));
        Map<Path, ImportReport> reports = new LinkedHashMap<>();
        for (Pending p : ordered) {
            reports.put(p.file(), importDecoded(p.file().getFileName().toString(), p.bytes(), p.input()));
        }
        // a link certificate or CRL may come before the CSCA it needs: retry rejections while that helps
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Pending p : ordered) {
                ImportReport previous = reports.get(p.file());
                if (!previous.accepted() && (p.input().kind() == ImportKind.CERTIFICATE || p.input().kind() == ImportKind.CRL)) {
                    ImportReport again = importDecoded(p.file().getFileName().toString(), p.bytes(), p.input());
                    reports.put(p.file(), again);
                    progress |= again.accepted();
                }
            }
        }
        List<ImportReport> perFile = files.stream().map(reports::get).toList();
        int accepted = 0;
        int inFile = 0;
        int added = 0;
        int known = 0;
        int crls = 0;
        boolean verified = true;
        SortedSet<String> countries = new TreeSet<>();
        SortedMap<String, Integer> perCountry = new TreeMap<>();
        List<String> unparsable = new ArrayList<>();
        for (ImportReport r : perFile) {
            if (!r.accepted()) {
                continue;
            }
            accepted++;
            inFile += r.certificatesInFile();
            added += r.certificatesAdded();
            known += r.certificatesAlreadyKnown();
            crls += r.crlsAdded();
            verified &= r.signatureVerified();
            countries.addAll(r.countries());
            r.certificatesPerCountry().forEach((c, n) -> perCountry.merge(c, n, Integer::sum));
            r.unparsableCertificates().forEach(u -> unparsable.add(r.source() + ": " + u));
        }
        int rejected = perFile.size() - accepted;
        String message = accepted + " of " + perFile.size() + " files imported: " + added + " new certificates, "
                + known + " already known, " + crls + " CRLs"
                + (rejected == 0 ? "" : "; " + rejected + " rejected (see each file)");
        return new ImportReport(ImportKind.DIRECTORY, name, accepted > 0, message, inFile, added, known, crls,
                countries, perCountry, unparsable, accepted > 0 && verified, "", perFile);
    }

    /** One file against a trial copy. */
    private final class FileImport {
        private final Working w;
        private final String name;
        private final Input input;
        private int inFile;
        private int added;
        private int known;
        private int crlsAdded;
        private int skipped;
        private final SortedSet<String> countries = new TreeSet<>();
        private final SortedMap<String, Integer> perCountry = new TreeMap<>();
        private final List<String> unparsable = new ArrayList<>();
        private final Set<String> signers = new java.util.LinkedHashSet<>();
        private final List<String> notes = new ArrayList<>();
        private int sourceId;

        FileImport(Working w, String name, Input input) {
            this.w = w;
            this.name = name;
            this.input = input;
        }

        ImportReport run(String fileSha256) {
            try {
                return runOrThrow(fileSha256);
            } catch (RuntimeException e) {
                // BouncyCastle reports some malformed structures late and unchecked; still an outcome, not a crash
                return reject("malformed content (" + e.getMessage() + ")");
            }
        }

        private ImportReport runOrThrow(String fileSha256) {
            if (input.items().isEmpty()) {
                return ImportReport.rejected(input.kind(), name, "not imported: " + input.problem());
            }
            sourceId = w.reserveSource(fileSha256);
            List<Input.CertificateItem> certificates = new ArrayList<>();
            List<Input.CrlItem> crls = new ArrayList<>();
            for (Input.Item item : input.items()) {
                switch (item) {
                    case Input.BadItem bad -> {
                        if (input.kind() != ImportKind.LDIF) {
                            return reject(bad.where() + ": " + bad.problem());
                        }
                        unparsable.add(bad.where() + ": " + bad.problem());
                    }
                    case Input.MasterListItem list -> {
                        String problem = masterList(list);
                        if (problem != null) {
                            return reject(problem);
                        }
                    }
                    case Input.CertificateItem c -> certificates.add(c);
                    case Input.CrlItem c -> crls.add(c);
                }
            }
            String problem = certificates(certificates);
            if (problem == null) {
                problem = crls(crls);
            }
            if (problem != null) {
                return reject(problem);
            }
            if (inFile == 0 && crls.isEmpty() && input.kind() == ImportKind.LDIF) {
                return reject("the LDIF holds no CSCA certificates, CRLs or master lists"
                        + (skipped > 0 ? " (" + skipped + " non-CA certificates skipped)" : ""));
            }
            String verification = String.join("; ", notes);
            w.commitSource(sourceId, name, input.kind(), now, inFile, added, known, crlsAdded, fileSha256, verification);
            String message = summary();
            return new ImportReport(input.kind(), name, true, message, inFile, added, known, crlsAdded, countries,
                    perCountry, unparsable, true, String.join("; ", signers), List.of());
        }

        private ImportReport reject(String why) {
            return ImportReport.rejected(input.kind(), name, "not imported: " + why);
        }

        private String summary() {
            StringBuilder s = new StringBuilder();
            switch (input.kind()) {
                case MASTER_LIST -> s.append("master list: ");
                case LDIF -> s.append("LDIF: ");
                case CRL -> s.append("CRL: ");
                default -> s.append("certificates: ");
            }
            if (inFile > 0 || input.kind() != ImportKind.CRL) {
                s.append(inFile).append(inFile == 1 ? " certificate (" : " certificates (").append(added)
                        .append(" new, ").append(known).append(" already known)");
            }
            if (!countries.isEmpty() && inFile > 0) {
                s.append(" from ").append(countries.size()).append(countries.size() == 1 ? " country" : " countries");
            }
            if (crlsAdded > 0 || input.kind() == ImportKind.CRL) {
                s.append(inFile > 0 ? ", " : "").append(crlsAdded).append(crlsAdded == 1 ? " CRL taken" : " CRLs taken");
            }
            if (skipped > 0) {
                s.append(", ").append(skipped).append(" non-CA certificates skipped");
            }
            if (!unparsable.isEmpty()) {
                s.append(", ").append(unparsable.size()).append(" unparsable");
            }
            if (!notes.isEmpty()) {
                s.append("; ").append(String.join("; ", notes));
            }
            return s.toString();
        }

        private String masterList(Input.MasterListItem item) {
            MasterListVerifier verifier = new MasterListVerifier(config.masterListAnchors(), w.holders(), now);
            MasterListVerifier.Outcome outcome = verifier.verify(item.der());
            if (outcome instanceof MasterListVerifier.Rejected rejected) {
                return "master list rejected: " + rejected.reason();
            }
            MasterListVerifier.Verified verified = (MasterListVerifier.Verified) outcome;
            signers.add(verified.signer());
            notes.add("signature verified (signer " + verified.signer()
                    + (verified.signingTime() == null ? "" : ", signed " + verified.signingTime())
                    + ", anchor " + verified.anchor() + ")");
            for (MasterListVerifier.Entry entry : verified.entries()) {
                if (entry.problem() != null) {
                    unparsable.add(entry.problem());
                    continue;
                }
                inFile++;
                count(entry.holder());
                if (w.add(entry.der(), entry.holder(), entry.certificate(), Certs.isLink(entry.holder()), sourceId)) {
                    added++;
                } else {
                    known++;
                }
            }
            return null;
        }

        private void count(X509CertificateHolder holder) {
            String country = Certs.country(holder.getSubject());
            if (country.isEmpty()) {
                country = Certs.country(holder.getIssuer());
            }
            if (!country.isEmpty()) {
                countries.add(country);
                perCountry.merge(country, 1, Integer::sum);
            }
        }

        private String certificates(List<Input.CertificateItem> items) {
            List<Input.CertificateItem> links = new ArrayList<>();
            for (Input.CertificateItem item : items) {
                X509CertificateHolder h = item.holder();
                String subject = Certs.rfc2253(h.getSubject());
                if (!Certs.isCa(h)) {
                    if (input.kind() == ImportKind.LDIF) {
                        skipped++;
                        continue;
                    }
                    return subject + " is not a CA certificate (document signer certificates come from the chip, "
                            + "not the trust store)";
                }
                if (w.contains(Certs.sha256(item.der()))) {
                    inFile++;
                    known++;
                    count(h);
                    notes.add(subject + " already known");
                    continue;
                }
                if (Certs.isLink(h)) {
                    links.add(item);
                    continue;
                }
                if (!Certs.signedBy(h, h)) {
                    return "the self-signature of " + subject + " does not verify";
                }
                String problem = add(item, false);
                if (problem != null) {
                    return problem;
                }
                notes.add("self-signed CSCA " + subject + ", sha256 " + Certs.sha256(item.der())
                        + " (trust it only if this fingerprint matches the one the state publishes)");
            }
            // links may certify each other in any order: keep going while one more finds its issuer
            boolean progress = true;
            while (!links.isEmpty() && progress) {
                progress = false;
                for (var it = links.iterator(); it.hasNext(); ) {
                    Input.CertificateItem item = it.next();
                    StoreState.Cert issuer = w.issuerOf(item.holder());
                    if (issuer != null) {
                        String problem = add(item, true);
                        if (problem != null) {
                            return problem;
                        }
                        String by = Certs.rfc2253(issuer.holder().getSubject());
                        signers.add(by);
                        notes.add("link certificate " + Certs.rfc2253(item.holder().getSubject())
                                + " verified under " + by + " (sha256 " + issuer.sha256().substring(0, 16) + "…)");
                        it.remove();
                        progress = true;
                    }
                }
            }
            if (!links.isEmpty()) {
                X509CertificateHolder h = links.getFirst().holder();
                return "link certificate " + Certs.rfc2253(h.getSubject()) + ": no CSCA in the store signed it (issuer "
                        + Certs.rfc2253(h.getIssuer()) + ")";
            }
            return null;
        }

        private String add(Input.CertificateItem item, boolean link) {
            try {
                inFile++;
                count(item.holder());
                if (w.add(item.der(), item.holder(), Certs.toX509(item.holder()), link, sourceId)) {
                    added++;
                } else {
                    known++;
                }
                return null;
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                return Certs.rfc2253(item.holder().getSubject()) + " does not parse (" + e.getMessage() + ")";
            }
        }

        private String crls(List<Input.CrlItem> items) {
            for (Input.CrlItem item : items) {
                X509CRLHolder crl = item.holder();
                String issuer = Certs.rfc2253(crl.getIssuer());
                StoreState.Cert signer = w.crlSigner(crl);
                if (signer == null) {
                    return "the CRL of " + issuer + " is signed by no CSCA in the store";
                }
                String country = Certs.country(crl.getIssuer());
                if (!country.isEmpty()) {
                    countries.add(country);
                }
                signers.add(Certs.rfc2253(signer.holder().getSubject()));
                StoreState.Crl stored;
                try {
                    stored = StoreFile.crl(item.der(), sourceId, true, signer.sha256());
                } catch (IllegalArgumentException e) {
                    return "the CRL of " + issuer + " does not parse (" + e.getMessage() + ")";
                }
                StoreState.Crl existing = w.crls.get(stored.issuerKey());
                if (existing != null && Arrays.equals(existing.der(), stored.der())) {
                    notes.add("CRL of " + issuer + " already known");
                } else if (existing != null && !crl.getThisUpdate().after(existing.holder().getThisUpdate())) {
                    notes.add("CRL of " + issuer + " (thisUpdate " + crl.getThisUpdate().toInstant()
                            + ") is not newer than the stored one; kept the stored CRL");
                } else {
                    w.crls.put(stored.issuerKey(), stored);
                    crlsAdded++;
                    notes.add("CRL of " + issuer + " verified, thisUpdate " + crl.getThisUpdate().toInstant()
                            + (crl.getNextUpdate() == null ? ", no nextUpdate" : ", nextUpdate " + crl.getNextUpdate().toInstant()));
                }
            }
            return null;
        }
    }

    /** A mutable copy of a {@link StoreState}. */
    private static final class Working {
        final List<StoreState.Source> sources;
        final List<StoreState.Cert> certificates;
        final Set<String> shas;
        final Map<String, StoreState.Crl> crls;

        Working(StoreState state) {
            this(state.sources, state.certificates, state.crlsByIssuer);
        }

        private Working(List<StoreState.Source> sources, List<StoreState.Cert> certificates,
                Map<String, StoreState.Crl> crls) {
            this.sources = new ArrayList<>(sources);
            this.certificates = new ArrayList<>(certificates);
            this.shas = new HashSet<>();
            for (StoreState.Cert c : certificates) {
                shas.add(c.sha256());
            }
            this.crls = new LinkedHashMap<>(crls);
        }

        Working copy() {
            return new Working(sources, certificates, crls);
        }

        StoreState freeze() {
            return new StoreState(sources, certificates, crls);
        }

        boolean contains(String sha256) {
            return shas.contains(sha256);
        }

        List<X509CertificateHolder> holders() {
            return certificates.stream().map(StoreState.Cert::holder).toList();
        }

        /** A re-import of the same file keeps its source entry (and id); a new file gets the next id. */
        int reserveSource(String fileSha256) {
            for (StoreState.Source s : sources) {
                if (s.sha256().equals(fileSha256)) {
                    return s.id();
                }
            }
            return sources.size();
        }

        void commitSource(int id, String name, ImportKind kind, Instant now, int inFile, int added, int known,
                int crls, String sha256, String verification) {
            StoreState.Source source = new StoreState.Source(id, name, kind, now, true, inFile, added, known, crls,
                    sha256, verification);
            if (id < sources.size()) {
                sources.set(id, source);
            } else {
                sources.add(source);
            }
        }

        boolean add(byte[] der, X509CertificateHolder holder, java.security.cert.X509Certificate certificate,
                boolean link, int sourceId) {
            String sha = Certs.sha256(der);
            if (!shas.add(sha)) {
                return false;
            }
            byte[] ski = Certs.subjectKeyIdentifier(holder.getExtensions());
            String subjectKey;
            try {
                subjectKey = Certs.nameKey(holder.getSubject());
            } catch (IOException e) {
                throw new IllegalArgumentException("the subject name does not encode", e);
            }
            certificates.add(new StoreState.Cert(der, holder, certificate, sha, link, sourceId, subjectKey,
                    MasterListVerifier.hex(ski)));
            return true;
        }

        /** A CSCA in the store (other than the certificate itself) whose key verifies {@code holder}. */
        StoreState.Cert issuerOf(X509CertificateHolder holder) {
            for (StoreState.Cert c : candidates(holder.getIssuer(),
                    Certs.authorityKeyIdentifier(holder.getExtensions()))) {
                if (!c.holder().equals(holder) && Certs.signedBy(holder, c.holder())) {
                    return c;
                }
            }
            return null;
        }

        StoreState.Cert crlSigner(X509CRLHolder crl) {
            for (StoreState.Cert c : candidates(crl.getIssuer(), Certs.authorityKeyIdentifier(crl.getExtensions()))) {
                if (Certs.signedBy(crl, c.holder())) {
                    return c;
                }
            }
            return null;
        }

        /** CSCAs named {@code issuer}, those whose key identifier matches first. */
        private List<StoreState.Cert> candidates(org.bouncycastle.asn1.x500.X500Name issuer, byte[] aki) {
            String key;
            try {
                key = Certs.nameKey(issuer);
            } catch (IOException e) {
                return List.of();
            }
            String akiHex = MasterListVerifier.hex(aki);
            List<StoreState.Cert> found = new ArrayList<>();
            for (StoreState.Cert c : certificates) {
                if (c.subjectKey().equals(key) || (!akiHex.isEmpty() && akiHex.equals(c.skiHex()))) {
                    found.add(c);
                }
            }
            found.sort(Comparator.comparing(c -> akiHex.isEmpty() || !akiHex.equals(c.skiHex())));
            return found;
        }
    }
}
