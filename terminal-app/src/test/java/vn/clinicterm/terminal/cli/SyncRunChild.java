package vn.clinicterm.terminal.cli;

import picocli.CommandLine;

/** {@code sync …} in a JVM of its own, for the kill -9 test. */
final class SyncRunChild {
    private SyncRunChild() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new SyncCommand()).execute(args));
    }
}
