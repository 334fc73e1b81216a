/**
 * {@code clinicterm self-test}: whether this machine is ready for the counter. {@link
 * vn.clinicterm.terminal.selftest.SelfTest} runs one small check per concern — configuration, JavaFX, crypto
 * providers, visit database, trust store, card service, central service — each with a time limit, and returns a
 * {@link vn.clinicterm.terminal.selftest.SelfTestReport} of {@code OK}/{@code FAIL}/{@code SKIP} results with a
 * detail for people. Checks never print; the command line does.
 */
package vn.clinicterm.terminal.selftest;
