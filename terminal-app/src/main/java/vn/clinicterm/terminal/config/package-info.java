/**
 * Where ClinicTerm keeps its data ({@link vn.clinicterm.terminal.config.AppDirectories}) and how it is configured:
 * {@link vn.clinicterm.terminal.config.TerminalConfig} layers the system-wide file, the terminal's file, the
 * environment and command-line flags over the known keys of {@link vn.clinicterm.terminal.config.ConfigKeys}, and
 * names the key and the file of every bad value; {@link vn.clinicterm.terminal.config.TrustAnchors} provisions a
 * user's trust store from the trust material the configuration names. {@code docs/configuration.md} is the operator's
 * side of it.
 */
package vn.clinicterm.terminal.config;
