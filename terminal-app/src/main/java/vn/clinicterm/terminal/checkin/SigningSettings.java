package vn.clinicterm.terminal.checkin;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import vn.clinicterm.sync.SyncConfigException;

/**
 * Where the facility's signing key is: a PKCS#12 file, where its password is ({@link PasswordSource}: a file or an
 * environment variable, never the password itself) and, when the file holds several keys, which alias.
 *
 * <p>Configuration keys (the terminal's properties file): {@code checkin.signing.keyStore},
 * {@code checkin.signing.password} ({@code file:PATH} or {@code env:NAME}), {@code checkin.signing.alias}. Without
 * {@code checkin.signing.keyStore} records are sent unsigned.
 */
public record SigningSettings(Path keyStore, PasswordSource password, Optional<String> alias) {

    public static final String KEY_STORE = "checkin.signing.keyStore";
    public static final String PASSWORD = "checkin.signing.password";
    public static final String ALIAS = "checkin.signing.alias";

    public SigningSettings {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(alias, "alias");
    }

    /**
     * The signing settings of a properties file, if it configures signing.
     *
     * @throws SyncConfigException naming the key, when the key store is given without a usable password source
     */
    public static Optional<SigningSettings> fromProperties(Properties props) {
        String file = trimmed(props.getProperty(KEY_STORE));
        if (file == null) {
            if (trimmed(props.getProperty(PASSWORD)) != null || trimmed(props.getProperty(ALIAS)) != null) {
                throw new SyncConfigException(KEY_STORE, "is required when " + PASSWORD + " or " + ALIAS + " is set");
            }
            return Optional.empty();
        }
        String pw = trimmed(props.getProperty(PASSWORD));
        if (pw == null) {
            throw new SyncConfigException(PASSWORD, "is required with " + KEY_STORE + " (file:PATH or env:NAME)");
        }
        PasswordSource source;
        try {
            source = PasswordSource.parse(pw);
        } catch (IllegalArgumentException e) {
            throw new SyncConfigException(PASSWORD, e.getMessage());
        }
        return Optional.of(new SigningSettings(Path.of(file), source,
                Optional.ofNullable(trimmed(props.getProperty(ALIAS)))));
    }

    /**
     * Opens the key. The password is read now and cleared as soon as the key store is open.
     *
     * @throws Xml0Signer.SigningException when the password cannot be read, or the key cannot be used
     */
    public Xml0Signer open(Map<String, String> env, Clock clock) {
        char[] pw;
        try {
            pw = password.read(env);
        } catch (IllegalArgumentException e) {
            throw new Xml0Signer.SigningException("the signing key's password: " + e.getMessage());
        }
        try {
            return Xml0Signer.fromPkcs12(keyStore, pw, alias, clock);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    private static String trimmed(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
