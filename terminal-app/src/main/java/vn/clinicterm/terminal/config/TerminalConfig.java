package vn.clinicterm.terminal.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import vn.clinicterm.terminal.config.ConfigKey.Sensitivity;
import vn.clinicterm.terminal.config.ConfigProblem.Severity;

/**
 * The terminal's configuration, in layers: the system-wide file, overridden by the terminal's file, overridden by
 * environment variables, overridden by command-line flags ({@link ConfigLayer}). Files are UTF-8 Java properties;
 * a missing file is an empty layer. An empty value counts as not set (it does not clear a lower layer's value).
 *
 * <p>Contract:
 * <ul>
 *   <li>Loading never throws for bad content: every value of every known key, in every layer, is checked against its
 *       type at load time, and what is wrong is listed in {@link #problems()} — an ERROR when the value is the one in
 *       effect, a WARNING when a higher layer overrides it anyway. An unknown key in a file, and a secret in a file
 *       other users can read, are WARNINGs. A file that exists but cannot be read is an ERROR.
 *   <li>{@link #find} and {@link #get} throw {@link ConfigException} only for the key asked for, so one bad key does
 *       not stop what does not need it; {@link #isValid()} says whether anything is wrong at all.
 *   <li>Messages name the key and the file (or variable, or flag) it came from and never show a secret or personal
 *       value.
 * </ul>
 */
public final class TerminalConfig {

    /**
     * One layer as loaded.
     *
     * @param location the file's path, {@code environment} or {@code command line}
     * @param state whether a file was there and could be read
     * @param keys how many values the layer set (known keys, non-empty values)
     */
    public record Layer(ConfigLayer layer, String location, State state, int keys) {

        public enum State { ABSENT, READ, UNREADABLE }

        /** {@code system file /etc/clinicterm/clinicterm.properties (missing)}, {@code environment (2 keys)}, …. */
        public String describe() {
            String what = switch (layer) {
                case SYSTEM_FILE -> "system file " + location;
                case TERMINAL_FILE -> "terminal file " + location;
                case ENVIRONMENT -> "environment";
                case COMMAND_LINE -> "command line";
            };
            return what + " (" + switch (state) {
                case ABSENT -> "missing";
                case UNREADABLE -> "unreadable";
                case READ -> keys == 1 ? "1 key" : keys + " keys";
            } + ")";
        }
    }

    private record Setting(String value, ConfigSource source) {}

    private final ConfigFiles files;
    private final List<Layer> layers;
    /** Per known key, the values set, lowest layer first. */
    private final Map<String, List<Setting>> settings;
    private final List<ConfigProblem> problems;

    private TerminalConfig(ConfigFiles files, List<Layer> layers, Map<String, List<Setting>> settings,
            List<ConfigProblem> problems) {
        this.files = files;
        this.layers = List.copyOf(layers);
        this.settings = settings;
        this.problems = List.copyOf(problems);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The configuration of this process: the files its environment names, the environment, no flags. */
    public static TerminalConfig fromEnvironment() {
        return load(System.getenv());
    }

    /** The configuration for this environment (the process's, or a test's map), without flags. */
    public static TerminalConfig load(Map<String, String> env) {
        return builder().files(ConfigFiles.from(env)).environment(env).load();
    }

    public ConfigFiles files() {
        return files;
    }

    /** The layers, lowest precedence first. */
    public List<Layer> layers() {
        return layers;
    }

    /** Everything wrong, errors and warnings, in the order found. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    public List<ConfigProblem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    public List<ConfigProblem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }

    /** No errors (warnings allowed). */
    public boolean isValid() {
        return errors().isEmpty();
    }

    /** Whether some layer sets the key (a default does not count). */
    public boolean isSet(ConfigKey<?> key) {
        return settings.containsKey(key.name());
    }

    /** Where the value in effect was set; empty when no layer sets the key. */
    public Optional<ConfigSource> source(ConfigKey<?> key) {
        return effective(key.name()).map(Setting::source);
    }

    /** The text in effect for a known key (stripped), without its default; empty when no layer sets it. */
    public Optional<String> text(ConfigKey<?> key) {
        return effective(key.name()).map(Setting::value);
    }

    /**
     * The value in effect, else the key's default, else empty.
     *
     * @throws ConfigException when the value in effect is invalid (naming the key and where it was set), or the file
     *     that would hold the key cannot be read
     */
    public <T> Optional<T> find(ConfigKey<T> key) {
        Optional<Setting> s = effective(key.name());
        if (s.isEmpty()) {
            Optional<ConfigProblem> unreadable = problems.stream()
                    .filter(p -> p.severity() == Severity.ERROR && p.key().isEmpty()).findFirst();
            if (unreadable.isPresent()) {
                throw new ConfigException(unreadable.get());
            }
            return key.defaultValue().map(key::parse);
        }
        try {
            return Optional.of(key.parse(s.get().value()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigProblem.error(key.name(), s.get().source(),
                    message(key, s.get().value(), e)));
        }
    }

    /**
     * The value in effect, or the default.
     *
     * @throws ConfigException when it is invalid, or when nobody set a key that has no default ({@link #missing})
     */
    public <T> T get(ConfigKey<T> key) {
        return find(key).orElseThrow(() -> new ConfigException(missing(key)));
    }

    /** This terminal's name ({@code terminal.id}, default {@code terminal}). */
    public String terminalId() {
        return get(ConfigKeys.TERMINAL_ID);
    }

    /** The problem "required but not set", telling where it could be set. */
    public ConfigProblem missing(ConfigKey<?> key) {
        return new ConfigProblem(Severity.ERROR, Optional.of(key.name()), Optional.empty(),
                "is required; set it in " + files.terminal() + " or " + files.system()
                        + key.environmentVariable().map(v -> ", or in the environment variable " + v).orElse(""));
    }

    /** The texts in effect of the known keys whose names start with {@code prefix}, e.g. {@code sync.}. */
    public Map<String, String> texts(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigKey<?> k : ConfigKeys.ALL) {
            if (k.name().startsWith(prefix)) {
                text(k).ifPresent(v -> out.put(k.name(), v));
            }
        }
        return out;
    }

    /**
     * The texts in effect of every known key, as one properties object (files, environment and flags merged), for
     * code that reads {@link Properties}. Unknown keys are not in it.
     */
    public Properties asProperties() {
        Properties p = new Properties();
        texts("").forEach(p::setProperty);
        return p;
    }

    private Optional<Setting> effective(String key) {
        List<Setting> list = settings.get(key);
        return list == null ? Optional.empty() : Optional.of(list.getLast());
    }

    private static String message(ConfigKey<?> key, String value, IllegalArgumentException e) {
        return e.getMessage() + (key.sensitivity() == Sensitivity.PLAIN ? "; found '" + value + "'" : "");
    }

    @Override
    public String toString() {
        return "TerminalConfig" + layers.stream().map(Layer::describe).toList() + ", " + problems.size()
                + " problem(s)";
    }

    /** Collects the layers; {@link #load()} reads the files and checks every value. */
    public static final class Builder {
        private ConfigFiles files;
        private Map<String, String> env = Map.of();
        private final Map<String, Setting> flags = new LinkedHashMap<>();

        private Builder() {}

        public Builder files(ConfigFiles v) {
            files = Objects.requireNonNull(v);
            return this;
        }

        /** The environment (pass {@code System.getenv()}, or a test's map). */
        public Builder environment(Map<String, String> v) {
            env = Objects.requireNonNull(v);
            return this;
        }

        /** A command-line flag's value for {@code key}; a null or blank value (flag not given) is ignored. */
        public Builder flag(ConfigKey<?> key, String flagName, String value) {
            if (value != null && !value.isBlank()) {
                flags.put(key.name(), new Setting(value.strip(),
                        new ConfigSource(ConfigLayer.COMMAND_LINE, flagName)));
            }
            return this;
        }

        public TerminalConfig load() {
            Objects.requireNonNull(files, "files");
            List<Layer> layers = new ArrayList<>();
            List<ConfigProblem> problems = new ArrayList<>();
            Map<String, List<Setting>> settings = new LinkedHashMap<>();
            readFile(ConfigLayer.SYSTEM_FILE, files.system(), layers, problems, settings);
            readFile(ConfigLayer.TERMINAL_FILE, files.terminal(), layers, problems, settings);
            int fromEnv = 0;
            for (ConfigKey<?> k : ConfigKeys.ALL) {
                if (k.environmentVariable().isPresent()) {
                    String v = env.get(k.environmentVariable().get());
                    if (v != null && !v.isBlank()) {
                        add(settings, k.name(), new Setting(v.strip(),
                                new ConfigSource(ConfigLayer.ENVIRONMENT, k.environmentVariable().get())));
                        fromEnv++;
                    }
                }
            }
            layers.add(new Layer(ConfigLayer.ENVIRONMENT, "environment", Layer.State.READ, fromEnv));
            flags.forEach((key, s) -> add(settings, key, s));
            layers.add(new Layer(ConfigLayer.COMMAND_LINE, "command line", Layer.State.READ, flags.size()));
            for (ConfigKey<?> k : ConfigKeys.ALL) {
                List<Setting> list = settings.get(k.name());
                if (list == null) {
                    continue;
                }
                Setting inEffect = list.getLast();
                for (Setting s : list) {
                    try {
                        k.parse(s.value());
                    } catch (IllegalArgumentException e) {
                        String m = message(k, s.value(), e);
                        problems.add(s == inEffect ? ConfigProblem.error(k.name(), s.source(), m)
                                : ConfigProblem.warning(k.name(), s.source(),
                                        m + "; overridden by " + inEffect.source().describe()));
                    }
                }
            }
            return new TerminalConfig(files, layers, settings, problems);
        }

        private static void add(Map<String, List<Setting>> settings, String key, Setting s) {
            settings.computeIfAbsent(key, x -> new ArrayList<>()).add(s);
        }

        private static void readFile(ConfigLayer layer, Path file, List<Layer> layers, List<ConfigProblem> problems,
                Map<String, List<Setting>> settings) {
            ConfigSource source = new ConfigSource(layer, file.toString());
            if (!Files.exists(file)) {
                layers.add(new Layer(layer, file.toString(), Layer.State.ABSENT, 0));
                return;
            }
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (CharacterCodingException e) {
                unreadable(layer, file, source, "is not UTF-8 text; save it as UTF-8", layers, problems);
                return;
            } catch (IOException e) {
                unreadable(layer, file, source, "cannot be read (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + ")", layers, problems);
                return;
            } catch (IllegalArgumentException e) {
                // Properties.load refuses a malformed \\uXXXX escape
                unreadable(layer, file, source, "is not a valid properties file (" + e.getMessage() + ")", layers,
                        problems);
                return;
            }
            boolean othersCanRead = othersCanRead(file);
            int count = 0;
            for (String key : new TreeSet<>(props.stringPropertyNames())) {
                String value = props.getProperty(key).strip();
                Optional<ConfigKey<?>> known = ConfigKeys.find(key);
                if (known.isEmpty()) {
                    problems.add(ConfigProblem.warning(key, source, "unknown key, ignored"
                            + ConfigKeys.closest(key).map(k -> " (did you mean " + k.name() + "?)").orElse("")));
                    continue;
                }
                if (value.isEmpty()) {
                    continue;
                }
                if (othersCanRead && known.get().sensitivity() == Sensitivity.SECRET) {
                    problems.add(ConfigProblem.warning(key, source, "a secret in a file every user of this machine"
                            + " can read; restrict the file (chmod 640) or set "
                            + known.get().environmentVariable().orElse("it elsewhere")));
                }
                add(settings, key, new Setting(value, source));
                count++;
            }
            layers.add(new Layer(layer, file.toString(), Layer.State.READ, count));
        }

        private static void unreadable(ConfigLayer layer, Path file, ConfigSource source, String why,
                List<Layer> layers, List<ConfigProblem> problems) {
            layers.add(new Layer(layer, file.toString(), Layer.State.UNREADABLE, 0));
            problems.add(new ConfigProblem(Severity.ERROR, Optional.empty(), Optional.of(source), why));
        }

        private static boolean othersCanRead(Path file) {
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (view == null) {
                return false;
            }
            try {
                Set<PosixFilePermission> perms = view.readAttributes().permissions();
                return perms.contains(PosixFilePermission.OTHERS_READ);
            } catch (IOException e) {
                return false;
            }
        }
    }
}
