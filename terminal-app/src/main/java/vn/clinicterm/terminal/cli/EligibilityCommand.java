package vn.clinicterm.terminal.cli;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.clinicterm.sync.EligibilityQuery;
import vn.clinicterm.sync.EligibilityResult;
import vn.clinicterm.sync.SyncClients;
import vn.clinicterm.sync.SyncConfig;
import vn.clinicterm.sync.SyncConfigException;

/** {@code clinicterm eligibility}: asks the insurer now, once; offline the answer is PENDING, never eligible. */
@Command(name = "eligibility", mixinStandardHelpOptions = true,
        description = "Asks the central service (or the BHXH gateway) whether a patient's health insurance covers"
                + " the visit. Offline the answer is PENDING: nothing is known.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:ELIGIBLE", "2:bad options (ID not 12 digits, bad date)", "50:NOT_ELIGIBLE",
            "51:UNKNOWN_PERSON", "52:PENDING (the insurer could not be reached; try again)",
            "53:ERROR (credentials or a reply we cannot trust; see stderr)", SyncExitCodes.CONFIG_LINE},
        footer = SyncExitCodes.KEYS)
public final class EligibilityCommand implements Callable<Integer> {

    @Option(names = "--id", required = true, paramLabel = "N", description = "the 12-digit CCCD number")
    String idNumber;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "the full name as on the card")
    String name;

    @Option(names = "--dob", required = true, paramLabel = "YYYY-MM-DD", description = "the date of birth")
    LocalDate dateOfBirth;

    @Option(names = "--json", description = "print one JSON object (outcome, reasonCode, validTo, …)")
    boolean json;

    @Mixin
    SyncOptions sync;

    @Override
    public Integer call() {
        EligibilityQuery query;
        try {
            query = EligibilityQuery.of(idNumber, name, dateOfBirth);
        } catch (IllegalArgumentException e) {
            Cli.err().println("clinicterm eligibility: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        SyncConfig config;
        try {
            config = sync.load();
        } catch (SyncConfigException e) {
            Cli.err().println("clinicterm eligibility: " + e.getMessage());
            return SyncExitCodes.CONFIG;
        }
        EligibilityResult result;
        try (SyncClients clients = SyncClients.builder(config).build()) {
            result = clients.eligibility().check(query);
        } catch (SyncConfigException e) {
            Cli.err().println("clinicterm eligibility: " + e.getMessage());
            return SyncExitCodes.CONFIG;
        }
        if (json) {
            Cli.out().println(Json.object(toJson(result)));
        } else {
            Cli.out().println(describe(result));
        }
        return switch (result) {
            case EligibilityResult.Eligible e -> ExitCodes.OK;
            case EligibilityResult.NotEligible n -> SyncExitCodes.NOT_ELIGIBLE;
            case EligibilityResult.UnknownPerson u -> SyncExitCodes.UNKNOWN_PERSON;
            case EligibilityResult.Pending p -> SyncExitCodes.PENDING;
            case EligibilityResult.Error e -> {
                Cli.err().println("clinicterm eligibility: " + e.reason());
                yield SyncExitCodes.ERROR;
            }
        };
    }

    static Map<String, Object> toJson(EligibilityResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", r.outcome());
        m.put("reasonCode", r.reasonCode().name());
        m.put("validTo", r instanceof EligibilityResult.Eligible e ? e.validTo().toString() : null);
        switch (r) {
            case EligibilityResult.Eligible e -> {
                m.put("validFrom", e.validFrom().toString());
                m.put("cardNumber", e.cardNumber());
                m.put("benefitLevel", e.benefitLevel());
                m.put("registeredFacility", e.registeredFacility());
                m.put("fiveYearContinuousFrom", e.fiveYearContinuousFrom().map(LocalDate::toString).orElse(null));
            }
            case EligibilityResult.NotEligible n -> m.put("reason", n.reason());
            case EligibilityResult.UnknownPerson u -> { }
            case EligibilityResult.Pending p -> {
                m.put("reason", p.reason());
                p.cached().ifPresent(c -> {
                    m.put("cachedOutcome", c.answer().outcome());
                    m.put("cachedAgeSeconds", c.age().toSeconds());
                });
            }
            case EligibilityResult.Error e -> m.put("reason", e.reason());
        }
        return m;
    }

    private static String describe(EligibilityResult r) {
        return switch (r) {
            case EligibilityResult.Eligible e -> "ELIGIBLE (" + e.reasonCode() + "): card " + e.cardNumber()
                    + ", valid " + e.validFrom() + " to " + e.validTo() + ", benefit " + e.benefitLevel()
                    + " %, registered at " + e.registeredFacility()
                    + e.fiveYearContinuousFrom().map(d -> ", 5 continuous years from " + d).orElse("");
            case EligibilityResult.NotEligible n -> "NOT_ELIGIBLE (" + n.reasonCode() + "): " + n.reason();
            case EligibilityResult.UnknownPerson u -> "UNKNOWN_PERSON (" + u.reasonCode() + ")";
            case EligibilityResult.Pending p -> "PENDING: no answer now (" + p.reason() + ")"
                    + p.cached().map(c -> "; an earlier answer, " + c.age().toMinutes() + " min old: "
                            + c.answer().outcome()).orElse("");
            case EligibilityResult.Error e -> "ERROR (" + e.reasonCode() + "): " + e.reason();
        };
    }
}
