package vn.clinicterm.terminal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.trust.TrustStoreCorruptedException;
import vn.clinicterm.card.verify.CheckResult;
import vn.clinicterm.card.verify.SimpleReport;
import vn.clinicterm.card.verify.VerificationPolicy;
import vn.clinicterm.card.verify.VerificationReport;
import vn.clinicterm.card.verify.Verifier;
import vn.clinicterm.terminal.config.AppDirectories;

/** {@code clinicterm verify}: judges saved chip evidence again, offline, without a reader. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-verifies saved chip evidence (clinicterm read --evidence FILE) against the trust store: "
                + "verified, forged/altered, or could not be verified (why).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:PASSED: the chip is genuine and its data unaltered",
            "2:bad options, or the evidence file cannot be read (message on stderr)",
            "21:the trust store or the policy file cannot be read (message on stderr)",
            "30:FAILED: forged, altered, revoked or cloned",
            "31:INDETERMINATE: could not be verified (e.g. unknown CSCA, unreadable data)"})
final class VerifyCommand implements Callable<Integer> {

    static final int FAILED = 30;
    static final int INDETERMINATE = 31;
    static final int STORE_UNUSABLE = 21;

    @Parameters(index = "0", paramLabel = "EVIDENCE_FILE", description = "evidence written by clinicterm read")
    Path evidenceFile;

    @Option(names = "--json", description = "print one JSON object: indication, subIndication, checks, summary")
    boolean json;

    @Option(names = "--lang", paramLabel = "vi|en", defaultValue = "vi",
            description = "language of the summary: vi (default) or en")
    String lang;

    @Option(names = "--detail", description = "also print every check (for IT)")
    boolean detail;

    @Option(names = "--store", paramLabel = "DIR",
            description = "the trust store directory (default: the data directory's 'trust', first provisioned from"
                    + " trust.anchors when that is set; CLINICTERM_HOME moves it)")
    Path store;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "a verification policy file (default: the clinic defaults)")
    Path policyFile;

    @Override
    public Integer call() {
        Locale locale = switch (lang.toLowerCase(Locale.ROOT)) {
            case "vi" -> SimpleReport.VIETNAMESE;
            case "en" -> Locale.ENGLISH;
            default -> null;
        };
        if (locale == null) {
            Cli.err().println("clinicterm verify: --lang must be vi or en, not '" + lang + "'");
            return ExitCodes.USAGE;
        }
        ChipEvidence evidence;
        try (InputStream in = Files.newInputStream(evidenceFile)) {
            evidence = ChipEvidence.readFrom(in);
        } catch (IOException e) {
            Cli.err().println("clinicterm verify: cannot read evidence from " + evidenceFile + " (" + e.getMessage()
                    + ")");
            return ExitCodes.USAGE;
        }
        VerificationReport report;
        try {
            report = verifier(store, policyFile, "clinicterm verify").verify(evidence);
        } catch (IOException | IllegalArgumentException e) {
            Cli.err().println("clinicterm verify: " + e.getMessage());
            return STORE_UNUSABLE;
        }
        SimpleReport simple = report.simpleReport(locale);
        if (json) {
            Map<String, Object> out = VerificationJson.toMap(report);
            out.put("summary", simple.text());
            Cli.out().println(Json.object(out));
        } else {
            Cli.out().println(simple.text());
            if (detail) {
                Cli.out().print(report.detailedReport(locale).text());
            } else {
                for (CheckResult c : report.checks()) {
                    Cli.out().println("  " + c.status() + "\t" + c.id().id());
                }
            }
        }
        return switch (report.indication()) {
            case PASSED -> ExitCodes.OK;
            case FAILED -> FAILED;
            case INDETERMINATE -> INDETERMINATE;
        };
    }

    /**
     * The verifier the command line uses: the trust store in {@code store} (default: the data directory's, first
     * provisioned from {@code trust.anchors}, see {@link TrustCommand#open}) and the policy in {@code policyFile}
     * (default: the clinic defaults).
     *
     * @param command prefixes the line on stderr when provisioning imported something or failed
     * @throws IOException naming what could not be read (store or policy)
     */
    static Verifier verifier(Path store, Path policyFile, String command) throws IOException {
        VerificationPolicy policy;
        try {
            policy = policyFile == null ? VerificationPolicy.clinicDefault() : VerificationPolicy.load(policyFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot use the policy " + policyFile + " (" + e.getMessage() + ")", e);
        }
        Path dir = store != null ? store : AppDirectories.fromEnvironment().trustStore();
        TrustStore trust;
        try {
            trust = TrustCommand.open(store, command);
        } catch (TrustStoreCorruptedException e) {
            throw new IOException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IOException("cannot open the trust store in " + dir + " (" + e.getMessage() + ")", e);
        }
        return Verifier.builder().trustStore(trust).policy(policy).clock(Clock.systemUTC()).build();
    }
}
