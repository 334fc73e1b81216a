/**
 * The JavaFX reception window: thin views over {@link vn.clinicterm.terminal.app.ReceptionViewModel}. A view sends
 * intents and renders {@link vn.clinicterm.terminal.app.ReceptionState} snapshots, hopping to the FX thread itself;
 * it never reads a card, calls the network or opens the database. FXML, CSS and the message bundles
 * ({@code messages.properties} Vietnamese, {@code messages_en.properties} English) sit beside it in resources.
 */
package vn.clinicterm.terminal.gui;
