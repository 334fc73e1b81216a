package vn.clinicterm.sync;

/** A configuration value is missing or wrong. The message names the key (e.g. {@code sync.url}), never a secret. */
public final class SyncConfigException extends IllegalArgumentException {

    private final String key;

    public SyncConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The property key at fault, e.g. {@code sync.callTimeout}. */
    public String key() {
        return key;
    }
}
