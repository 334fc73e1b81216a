package vn.clinicterm.terminal.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Where the command line writes: UTF-8 whatever the platform default, so Vietnamese names survive. */
final class Cli {
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static final PrintStream ERR = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    private Cli() {}

    static PrintStream out() {
        return OUT;
    }

    static PrintStream err() {
        return ERR;
    }
}
