package vn.clinicterm.centralsim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import okhttp3.tls.HeldCertificate;

/**
 * {@code central-sim --port 8443 [--tls [--cert-out FILE]] [--faults SPEC] [--seed N] [--require-signature]}:
 * runs the simulator until interrupted. {@code --require-signature} makes the check-in endpoint refuse XML0 records
 * without the facility's signature in {@code CHUKYDONVI} (a signature that is present is always verified). With
 * {@code --tls} it makes a fresh self-signed certificate for 127.0.0.1/localhost, prints its pin and writes it as PEM
 * (default {@code central-sim-cert.pem}) so a client can trust it ({@code sync.trustedCerts}).
 * Exit codes: 0 after Ctrl-C, 2 for bad arguments, 1 if the port cannot be bound.
 */
public final class CentralSimMain {

    private CentralSimMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = 8443;
        boolean tls = false;
        boolean requireSignature = false;
        String faults = "";
        long seed = 1;
        Path certOut = Path.of("central-sim-cert.pem");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--tls" -> tls = true;
                    case "--cert-out" -> certOut = Path.of(args[++i]);
                    case "--faults" -> faults = args[++i];
                    case "--seed" -> seed = Long.parseLong(args[++i]);
                    case "--require-signature" -> requireSignature = true;
                    case "-h", "--help" -> {
                        usage();
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            FaultSpec.parse(faults);
        } catch (RuntimeException e) {
            System.err.println("central-sim: " + (e.getMessage() == null ? "missing value" : e.getMessage()));
            usage();
            System.exit(2);
            return;
        }
        SimCheckInReceiver.Builder receiver = SimCheckInReceiver.builder().clock(java.time.Clock.systemUTC());
        if (requireSignature) {
            receiver.requireSignature();
        }
        CentralSim.Builder b = CentralSim.builder().port(port).faults(faults).seed(seed)
                .checkInReceiver(receiver.build());
        if (tls) {
            HeldCertificate cert = new HeldCertificate.Builder()
                    .commonName("central-sim")
                    .addSubjectAlternativeName("127.0.0.1")
                    .addSubjectAlternativeName("localhost")
                    .build();
            try {
                Files.writeString(certOut, cert.certificatePem(), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                System.err.println("central-sim: cannot write " + certOut + ": " + e.getMessage());
                System.exit(1);
            }
            b.tls(cert);
            System.out.println("certificate: " + certOut.toAbsolutePath());
            System.out.println("pin:         " + okhttp3.CertificatePinner.pin(cert.certificate()));
        }
        CentralSim sim;
        try {
            sim = b.start();
        } catch (RuntimeException e) {
            System.err.println("central-sim: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println("central-sim listening on " + sim.baseUrl());
        System.out.println("faults:      " + sim.faults());
        System.out.println("gateway:     user " + CentralSim.DEFAULT_FACILITY + "_BV, password "
                + CentralSim.DEFAULT_PASSWORD + ", staff " + CentralSim.DEFAULT_STAFF_ID);
        System.out.println("people:      SyntheticCitizens 1..50; n%10==7 not found, n%10==3 expired, "
                + "n%10==9 80% benefit, 11/36 renewed, 22 revoked, 44 báo giảm");
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            done.countDown();
        }));
        done.await();
    }

    private static void usage() {
        System.err.println("usage: central-sim [--port 8443] [--tls [--cert-out FILE]] [--faults SPEC] [--seed N]"
                + " [--require-signature]");
        System.err.println("  SPEC e.g. latency=200ms,error500=0.1,error503=0.1,rate429=0.05:retryAfter=1,"
                + "dropAfterProcess=0.05,malformedJson=0.05,slowDrip=0.02");
    }
}
