package vn.clinicterm.terminal.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SimCard;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.VpcdCardClient;

/** {@code clinicterm sim}: puts a simulated CCCD into pcscd's virtual reader through vpcd and serves it. */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = {
            "Puts a synthetic CCCD into a vpcd virtual reader (\"Virtual PCD 00 00\" on port 35963) and serves it",
            "until killed; reconnects when pcscd restarts. Prints one JSON line describing the card."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:served until stopped, or listed the profiles", "2:bad option (unknown profile, citizen < 1)"})
final class SimCommand implements Callable<Integer> {

    @Option(names = "--vpcd", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:35963",
            description = "vpcd endpoint of pcscd (default ${DEFAULT-VALUE})")
    String vpcd;

    @Option(names = "--citizen", paramLabel = "N", defaultValue = "1",
            description = "which synthetic citizen (1, 2, ...; default ${DEFAULT-VALUE})")
    int citizen;

    @Option(names = "--profile", paramLabel = "NAME[,NAME...]", split = ",",
            description = "fault profiles (see --list-profiles); tear=N sets the tear point")
    String[] profiles = new String[0];

    @Option(names = "--list-profiles", description = "list the fault profiles and exit")
    boolean listProfiles;

    @Option(names = "--export-pki", paramLabel = "DIR",
            description = "write the simulator's test CSCA certificates and CRL to DIR (for `clinicterm trust import`"
                    + " on a test or training terminal) and exit")
    java.nio.file.Path exportPki;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (listProfiles) {
            for (FaultProfile p : FaultProfile.values()) {
                out.printf("%-22s %s%n", p.cliName(), p.description());
            }
            return 0;
        }
        if (exportPki != null) {
            vn.clinicterm.cardsim.TestPki.standard().exportTo(exportPki);
            try (var files = java.nio.file.Files.list(exportPki)) {
                files.sorted().forEach(f -> out.println(f));
            }
            return 0;
        }
        if (citizen < 1) {
            System.err.println("clinicterm sim: --citizen must be 1 or more");
            return 2;
        }
        SimCard.Builder builder = SimCard.builder().citizen(citizen);
        try {
            for (String p : profiles) {
                String[] nameAndValue = p.split("=", 2);
                FaultProfile profile = FaultProfile.fromCliName(nameAndValue[0]);
                builder.profile(profile);
                if (profile == FaultProfile.TEAR && nameAndValue.length == 2) {
                    builder.tearAfterApdus(Integer.parseInt(nameAndValue[1].trim()));
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("clinicterm sim: " + e.getMessage() + " (see --list-profiles)");
            return 2;
        }
        String[] hostPort = vpcd.split(":", 2);
        if (hostPort.length != 2) {
            System.err.println("clinicterm sim: --vpcd takes HOST:PORT");
            return 2;
        }
        SimCard card = builder.build();
        VpcdCardClient client = VpcdCardClient.builder()
                .host(hostPort[0])
                .port(Integer.parseInt(hostPort[1]))
                .card(card.chip())
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            stopped.countDown();
        }, "sim-shutdown"));
        client.start();
        out.println(describe(card.citizen()));
        stopped.await();
        return 0;
    }

    static String describe(SimCitizen c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("idNumber", c.idNumber());
        json.put("can", c.can());
        json.put("documentNumber", c.documentNumber());
        json.put("dateOfBirth", c.mrzDateOfBirth());
        json.put("dateOfExpiry", c.mrzDateOfExpiry());
        json.put("dateOfBirthIso", c.dateOfBirth().toString());
        json.put("fullName", c.fullName());
        return Json.object(json);
    }

}
