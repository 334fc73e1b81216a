package vn.clinicterm.terminal.cli;

/** The command line's exit codes; the README lists them, scripts depend on them. */
final class ExitCodes {
    static final int OK = 0;
    static final int USAGE = 2;
    static final int NO_CARD_SERVICE = 10;
    static final int NO_READER = 11;
    static final int NO_CARD = 12;
    static final int WRONG_KEY = 13;
    static final int CARD_LOST = 14;
    static final int MALFORMED = 15;
    static final int READ_FAILED = 16;

    private ExitCodes() {}
}
