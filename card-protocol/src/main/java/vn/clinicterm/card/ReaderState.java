package vn.clinicterm.card;

/** One reader and whether a card is in it. */
public record ReaderState(String name, boolean cardPresent) {}
