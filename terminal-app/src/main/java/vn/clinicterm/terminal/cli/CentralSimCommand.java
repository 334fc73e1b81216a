package vn.clinicterm.terminal.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.clinicterm.centralsim.CentralSimMain;

/** {@code clinicterm central-sim}: the simulated central service and BHXH gateway, on 127.0.0.1, until killed. */
@Command(name = "central-sim", mixinStandardHelpOptions = true,
        description = "Runs the central-service simulator (central API v1 and the BHXH gateway protocol) on"
                + " 127.0.0.1 until Ctrl-C, over the synthetic citizens of card-sim (n%10==7 not found, n%10==3"
                + " expired, others eligible).",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:stopped with Ctrl-C", "1:the port cannot be bound", "2:bad options"})
public final class CentralSimCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8443", paramLabel = "PORT", description = "default ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--tls", description = "HTTPS with a fresh self-signed certificate for 127.0.0.1/localhost;"
            + " its PEM is written to --cert-out: point sync.trustedCerts at it")
    boolean tls;

    @Option(names = "--cert-out", paramLabel = "FILE", description = "where --tls writes the certificate"
            + " (default central-sim-cert.pem)")
    Path certOut;

    @Option(names = "--faults", paramLabel = "SPEC", description = "injected faults, e.g."
            + " latency=200ms,error503=0.1,rate429=0.05:retryAfter=1,dropAfterProcess=0.05")
    String faults;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the fault dice")
    Long seed;

    @Option(names = "--require-signature",
            description = "refuse XML0 check-in records without the facility's signature in CHUKYDONVI")
    boolean requireSignature;

    @Override
    public Integer call() throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port)));
        if (tls) {
            args.add("--tls");
            if (certOut != null) {
                args.addAll(List.of("--cert-out", certOut.toString()));
            }
        }
        if (faults != null) {
            args.addAll(List.of("--faults", faults));
        }
        if (seed != null) {
            args.addAll(List.of("--seed", seed.toString()));
        }
        if (requireSignature) {
            args.add("--require-signature");
        }
        CentralSimMain.main(args.toArray(String[]::new)); // serves until the JVM is told to stop
        return ExitCodes.OK;
    }
}
