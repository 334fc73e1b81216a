package vn.clinicterm.terminal.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import vn.clinicterm.card.trust.ImportKind;
import vn.clinicterm.card.trust.ImportReport;
import vn.clinicterm.card.trust.TrustStatus;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.trust.TrustStoreCorruptedException;
import vn.clinicterm.card.trust.TrustedCsca;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.TerminalConfig;
import vn.clinicterm.terminal.config.TrustAnchors;

/**
 * {@code clinicterm trust}: the offline CSCA trust store (import, list, status, restore). The data directory's store is
 * provisioned from {@code trust.anchors} before a verb uses it ({@link #open}).
 */
@Command(name = "trust", mixinStandardHelpOptions = true,
        description = "The offline trust store: CSCA certificates and CRLs used to prove a chip genuine.",
        subcommands = {TrustCommand.Import.class, TrustCommand.ListCscas.class, TrustCommand.Status.class,
                TrustCommand.Restore.class},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done", "2:bad options", "20:an import was rejected (reason on stderr)",
                "21:the trust store cannot be read or written (message on stderr)"})
final class TrustCommand implements Runnable {

    /** An import was refused: tampered, unsigned, untrusted or unrecognised. */
    static final int REJECTED = 20;
    /** The store is corrupt or its directory cannot be used. */
    static final int STORE_UNUSABLE = 21;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR",
            description = "the trust store directory (default: the data directory's 'trust', first provisioned from"
                    + " trust.anchors when that is set; CLINICTERM_HOME moves it)")
    Path store;

    /** What opening the data directory's store did with {@code trust.anchors}; NotConfigured with --store. */
    private TrustAnchors.Outcome provisioned = new TrustAnchors.NotConfigured();

    @Override
    public void run() {
        spec.commandLine().usage(Cli.out());
    }

    Path storeDirectory() {
        return store != null ? store : AppDirectories.fromEnvironment().trustStore();
    }

    /**
     * Opens the trust store a command line verb uses: {@code dir}, or, when null, the data directory's, which is
     * first provisioned from {@code trust.anchors} as the counter app's start would ({@link TrustAnchors}). An import
     * that happened, or failed, is one line on stderr prefixed with {@code command}; a failure does not stop the verb
     * (the store keeps what it had).
     *
     * @throws IOException as {@link TrustStore#open(Path, Clock)}
     */
    static TrustStore open(Path dir, String command) throws IOException {
        return open(dir, command, System.getenv(), outcome -> { });
    }

    /** {@link #open(Path, String)} in this environment (the data directory, the configuration); tells the outcome. */
    static TrustStore open(Path dir, String command, Map<String, String> env,
            java.util.function.Consumer<TrustAnchors.Outcome> seen) throws IOException {
        TrustStore opened = TrustStore.open(dir != null ? dir : AppDirectories.from(env).trustStore(),
                Clock.systemUTC());
        if (dir == null) {
            TrustAnchors.Outcome outcome = TrustAnchors.provision(TerminalConfig.load(env), opened);
            if (outcome.failed()) {
                Cli.err().println(command + ": warning: " + outcome.describe());
            } else if (outcome instanceof TrustAnchors.Imported) {
                Cli.err().println(command + ": " + outcome.describe());
            }
            seen.accept(outcome);
        }
        return opened;
    }

    /** Opens the store, or prints why not and returns null. */
    TrustStore openOrReport(String verb) {
        try {
            return open(store, "clinicterm trust " + verb, System.getenv(), o -> provisioned = o);
        } catch (TrustStoreCorruptedException e) {
            Cli.err().println("clinicterm trust " + verb + ": " + e.getMessage());
            return null;
        } catch (IOException e) {
            Cli.err().println("clinicterm trust " + verb + ": cannot open the trust store in " + storeDirectory() + " ("
                    + e.getMessage() + ")");
            return null;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Imports ICAO master lists, CSCA/link certificates (DER or PEM), CRLs, ICAO PKD LDIF files, "
                    + "or every file of a directory. A rejected file changes nothing.",
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:every file imported", "20:at least one file rejected", "21:store unusable"})
    static final class Import implements Callable<Integer> {
        @ParentCommand
        TrustCommand parent;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "files or directories to import")
        List<Path> files;

        @Option(names = "--json", description = "one JSON object per file")
        boolean json;

        @Override
        public Integer call() {
            TrustStore store = parent.openOrReport("import");
            if (store == null) {
                return STORE_UNUSABLE;
            }
            int exit = ExitCodes.OK;
            for (Path file : files) {
                ImportReport report;
                try {
                    report = store.importFile(file);
                } catch (IOException e) {
                    Cli.err().println("clinicterm trust import: cannot read or store " + file + " (" + e + ")");
                    return STORE_UNUSABLE;
                }
                if (json) {
                    Cli.out().println(Json.object(TrustJson.report(report)));
                } else {
                    printReport(file, report);
                }
                if (!report.accepted()) {
                    exit = REJECTED;
                }
            }
            return exit;
        }

        private static void printReport(Path file, ImportReport r) {
            if (!r.accepted()) {
                Cli.err().println("clinicterm trust import: " + file + " rejected: " + r.message());
                for (ImportReport f : r.perFile()) {
                    Cli.err().println("  " + f.source() + ": " + f.message());
                }
                return;
            }
            Cli.out().println(headline(r));
            for (ImportReport f : r.perFile()) {
                (f.accepted() ? Cli.out() : Cli.err()).println("  " + (f.accepted() ? "imported " : "REJECTED ")
                        + f.source() + ": " + f.message());
            }
            for (String u : r.unparsableCertificates()) {
                Cli.err().println("  warning: unparsable " + u);
            }
        }

        static String headline(ImportReport r) {
            String countries = r.countries().size() + (r.countries().size() == 1 ? " country" : " countries")
                    + (r.countries().contains("VN") && r.countries().size() > 1 ? " incl. VN" : "");
            return switch (r.kind()) {
                case MASTER_LIST -> "imported master list: " + r.certificatesInFile() + " certificates ("
                        + r.certificatesAdded() + " new), signature verified (signer " + r.signer() + "), " + countries
                        + (r.unparsableCertificates().isEmpty() ? "" : ", " + r.unparsableCertificates().size()
                                + " unparsable");
                case DIRECTORY -> "imported directory " + r.source() + ": " + r.message();
                case CERTIFICATE, CRL, LDIF, UNRECOGNISED -> "imported " + kindName(r.kind()) + " " + r.source() + ": "
                        + r.message();
            };
        }

        private static String kindName(ImportKind kind) {
            return switch (kind) {
                case CERTIFICATE -> "certificate file";
                case CRL -> "CRL";
                case LDIF -> "LDIF";
                default -> kind.name().toLowerCase(java.util.Locale.ROOT);
            };
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Lists the CSCAs, one per line: country, subject, serial (hex), validity, key, SHA-256 "
                    + "prefix, and 'link' for link certificates (tab-separated).")
    static final class ListCscas implements Callable<Integer> {
        @ParentCommand
        TrustCommand parent;

        @Option(names = "--country", paramLabel = "CC", description = "only this state (ISO 3166 alpha-2, e.g. VN)")
        String country;

        @Option(names = "--json", description = "one JSON object per CSCA")
        boolean json;

        @Override
        public Integer call() {
            TrustStore store = parent.openOrReport("list");
            if (store == null) {
                return STORE_UNUSABLE;
            }
            List<TrustedCsca> cscas = country == null ? store.cscas() : store.cscas(country);
            if (cscas.isEmpty()) {
                Cli.err().println("clinicterm trust list: no CSCA" + (country == null ? "" : " for " + country)
                        + " in " + store.directory());
            }
            for (TrustedCsca c : cscas) {
                if (json) {
                    Cli.out().println(Json.object(TrustJson.csca(c)));
                } else {
                    Cli.out().println(String.join("\t", c.country(), c.subject(), "serial " + c.serialHex(),
                            day(c.notBefore()) + ".." + day(c.notAfter()), c.keyDescription(),
                            "sha256 " + c.sha256().substring(0, 16)) + (c.link() ? "\tlink" : ""));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Shows the store's sources, counts, CRLs and their freshness.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        TrustCommand parent;

        @Option(names = "--json", description = "one JSON object")
        boolean json;

        @Override
        public Integer call() {
            TrustStore store = parent.openOrReport("status");
            if (store == null) {
                return STORE_UNUSABLE;
            }
            TrustStatus s = store.status();
            if (json) {
                Map<String, Object> out = TrustJson.status(s);
                out.put("directory", store.directory().toString());
                if (!(parent.provisioned instanceof TrustAnchors.NotConfigured)) {
                    out.put("trustAnchors", parent.provisioned.describe());
                }
                Cli.out().println(Json.object(out));
                return ExitCodes.OK;
            }
            Cli.out().println("trust store: " + store.directory());
            if (!(parent.provisioned instanceof TrustAnchors.NotConfigured)) {
                Cli.out().println("preset: " + parent.provisioned.describe());
            }
            Cli.out().println("CSCAs: " + s.cscaCount() + " (" + s.linkCertificateCount() + " link certificates) from "
                    + s.countries().size() + " countries");
            Cli.out().println(s.sources().isEmpty()
                    ? "sources: none (import a master list: clinicterm trust import icao-masterlist.ml)" : "sources:");
            for (TrustStatus.Source src : s.sources()) {
                Cli.out().println("  " + src.importedAt() + "  " + src.kind() + "  " + src.name() + "  "
                        + src.certificates() + " certificates (" + src.certificatesAdded() + " new), " + src.crls()
                        + " CRLs" + (src.signatureVerified() ? ", verified" : ", NOT verified"));
            }
            Cli.out().println(s.crls().isEmpty() ? "CRLs: none" : "CRLs:");
            for (TrustStatus.Crl crl : s.crls()) {
                Cli.out().println("  " + crl.issuer() + "  thisUpdate " + crl.thisUpdate() + "  nextUpdate "
                        + crl.nextUpdate().map(Instant::toString).orElse("none") + "  "
                        + (crl.stale() ? "STALE" : "fresh") + "  " + crl.revokedCount() + " revoked");
            }
            Cli.out().println("freshness: " + s.freshness() + " — " + explain(s.freshness()));
            return ExitCodes.OK;
        }

        private static String explain(TrustStatus.Freshness f) {
            return switch (f) {
                case EMPTY -> "no CSCA: no chip can be proven genuine";
                case NO_CRLS -> "no CRL: revocation of document signers cannot be checked";
                case STALE_CRLS -> "a CRL is past its nextUpdate: import a newer one";
                case CURRENT -> "every CRL is current";
            };
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Puts back the store file as it was before the last accepted import (after corruption).")
    static final class Restore implements Callable<Integer> {
        @ParentCommand
        TrustCommand parent;

        @Override
        public Integer call() {
            try {
                if (TrustStore.restoreLastGoodCopy(parent.storeDirectory())) {
                    Cli.out().println("restored the previous trust store copy in " + parent.storeDirectory());
                    return ExitCodes.OK;
                }
                Cli.err().println("clinicterm trust restore: no previous copy in " + parent.storeDirectory());
                return STORE_UNUSABLE;
            } catch (IOException e) {
                Cli.err().println("clinicterm trust restore: " + e.getMessage());
                return STORE_UNUSABLE;
            }
        }
    }

    static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    /** JSON shapes of the trust types (maps for {@link Json}). */
    static final class TrustJson {
        private TrustJson() {}

        static Map<String, Object> report(ImportReport r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", r.source());
            m.put("kind", r.kind().name());
            m.put("accepted", r.accepted());
            m.put("message", r.message());
            m.put("certificatesInFile", r.certificatesInFile());
            m.put("certificatesAdded", r.certificatesAdded());
            m.put("certificatesAlreadyKnown", r.certificatesAlreadyKnown());
            m.put("crlsAdded", r.crlsAdded());
            m.put("signatureVerified", r.signatureVerified());
            m.put("signer", r.signer());
            m.put("countries", List.copyOf(r.countries()));
            m.put("unparsableCertificates", r.unparsableCertificates());
            List<Object> perFile = new ArrayList<>();
            r.perFile().forEach(f -> perFile.add(report(f)));
            m.put("perFile", perFile);
            return m;
        }

        static Map<String, Object> csca(TrustedCsca c) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("country", c.country());
            m.put("subject", c.subject());
            m.put("serial", c.serialHex());
            m.put("notBefore", c.notBefore().toString());
            m.put("notAfter", c.notAfter().toString());
            m.put("key", c.keyDescription());
            m.put("explicitCurveParameters", c.explicitCurveParameters());
            m.put("sha256", c.sha256());
            m.put("link", c.link());
            m.put("source", c.source());
            return m;
        }

        static Map<String, Object> status(TrustStatus s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("asOf", s.asOf().toString());
            m.put("freshness", s.freshness().name());
            m.put("cscas", s.cscaCount());
            m.put("linkCertificates", s.linkCertificateCount());
            m.put("countries", List.copyOf(s.countries()));
            m.put("lastUpdate", s.lastUpdate().map(Instant::toString).orElse(null));
            List<Object> sources = new ArrayList<>();
            for (TrustStatus.Source src : s.sources()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("name", src.name());
                o.put("kind", src.kind().name());
                o.put("importedAt", src.importedAt().toString());
                o.put("certificates", src.certificates());
                o.put("certificatesAdded", src.certificatesAdded());
                o.put("crls", src.crls());
                o.put("signatureVerified", src.signatureVerified());
                o.put("verification", src.verification());
                o.put("sha256", src.sha256());
                sources.add(o);
            }
            m.put("sources", sources);
            List<Object> crls = new ArrayList<>();
            for (TrustStatus.Crl crl : s.crls()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("issuer", crl.issuer());
                o.put("country", crl.country());
                o.put("thisUpdate", crl.thisUpdate().toString());
                o.put("nextUpdate", crl.nextUpdate().map(Instant::toString).orElse(null));
                o.put("stale", crl.stale());
                o.put("revoked", crl.revokedCount());
                o.put("source", crl.source());
                crls.add(o);
            }
            m.put("crls", crls);
            return m;
        }
    }
}
