package vn.clinicterm.terminal.selftest;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.config.TerminalConfig;

/**
 * What the checks look at.
 *
 * @param env the environment the terminal runs in (decides the data directory, the files, display presence)
 * @param osName the operating system's name ({@code os.name}); on Linux a missing display means headless
 * @param directories the data directory
 * @param config the layered configuration, loaded once for every check
 * @param readers the card readers to list
 * @param javafxTimeout how long the JavaFX toolkit may take to start
 * @param centralTimeout the most a call to the central service may take
 */
record SelfTestContext(
        Map<String, String> env,
        String osName,
        AppDirectories directories,
        TerminalConfig config,
        CardReaders readers,
        Clock clock,
        Duration javafxTimeout,
        Duration centralTimeout) {}
