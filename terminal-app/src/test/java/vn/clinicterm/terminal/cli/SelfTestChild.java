package vn.clinicterm.terminal.cli;

import picocli.CommandLine;

/** {@code self-test} in a JVM of its own, for environments a test cannot give its own JVM (display, PC/SC socket). */
final class SelfTestChild {
    private SelfTestChild() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new SelfTestCommand()).execute(args));
    }
}
