package vn.clinicterm.terminal.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Where the command line writes: UTF-8 whatever the platform default, so Vietnamese names survive. Tests redirect
 * it to capture what a verb prints.
 */
final class Cli {
    private static volatile PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    private static volatile PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);

    private Cli() {}

    static PrintStream out() {
        return out;
    }

    static PrintStream err() {
        return err;
    }

    /** For tests: send the command line's output elsewhere. */
    static void redirect(PrintStream newOut, PrintStream newErr) {
        out = newOut;
        err = newErr;
    }
}
