package vn.clinicterm.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Builds ClinicTerm's native bundle from the application jars: a jlink runtime of exactly the JDK and JavaFX modules
 * the app needs, a jpackage application image with the app jars on the class path, an optional JDK 25 AOT cache
 * trained on that image, and the installer for this OS ({@code deb} here; {@code msi} on Windows, {@code dmg}/{@code
 * pkg} on macOS). The same code runs on every OS: jlink and jpackage are called through {@link ToolProvider}, so the
 * recipe for Windows and macOS is the same Maven command with another {@code -Ddist.type}.
 *
 * <p>Why not a modular app (decision 0005): JMRTD, scuba and several other dependencies are not modules, so the JDK and
 * JavaFX become the runtime image and the app stays on the class path. JavaFX's native libraries are moved out of its
 * module jars into the runtime's {@code lib} directory: left inside, JavaFX extracts them into every user's
 * {@code ~/.openjfx/cache}, and jpackage cannot see them to declare the GTK dependencies of the package.
 *
 * <p>Arguments: {@code --work DIR} (holds {@code app/} and {@code javafx/} as copied by Maven), {@code --out DIR},
 * {@code --resources DIR} (per-OS jpackage resource directories), {@code --extras DIR} (files shipped beside the
 * jars), {@code --version X.Y.Z}, {@code --type deb|rpm|msi|exe|dmg|pkg|app-image}, {@code --aot on|off|auto}.
 */
public final class Bundler {

    static final String NAME = "clinicterm";
    static final String MAIN_CLASS = "vn.clinicterm.terminal.cli.Main";
    static final String VENDOR = "ClinicTerm";
    static final String DESCRIPTION = "Reception terminal for Vietnam's chip-based citizen ID card (CCCD)";
    static final String AOT_FILE = "clinicterm.aot";

    /**
     * The JDK modules the application needs: computed once with {@code jdeps --print-module-deps} over all runtime jars
     * (java.base, java.desktop, java.logging, java.naming, java.net.http, java.scripting, java.smartcardio, java.sql,
     * java.xml.crypto, jdk.httpserver, jdk.net, jdk.unsupported), plus what reflection and services need that jdeps
     * cannot see: java.management (OkHttp, JMX-aware libraries), jdk.localedata (Vietnamese formats; limited to vi
     * and en by {@code --include-locales}), jdk.charsets, jdk.zipfs, jdk.crypto.cryptoki is not needed (BouncyCastle).
     */
    static final List<String> JDK_MODULES = List.of("java.base", "java.desktop", "java.logging", "java.management",
            "java.naming", "java.net.http", "java.scripting", "java.smartcardio", "java.sql", "java.xml",
            "java.xml.crypto", "jdk.charsets", "jdk.httpserver", "jdk.localedata", "jdk.net", "jdk.unsupported",
            "jdk.zipfs");

    static final List<String> JAVAFX_MODULES = List.of("javafx.base", "javafx.graphics", "javafx.controls",
            "javafx.fxml");

    /** Options every launch gets (the bundle's equivalent of what ./clinicterm passes). */
    static final List<String> JAVA_OPTIONS = List.of(
            // lets the app re-open PC/SC after pcscd restarts (decision 0002)
            "--add-opens", "java.smartcardio/sun.security.smartcardio=ALL-UNNAMED",
            // sqlite-jdbc (class path) and JavaFX (runtime modules) load native code
            "--enable-native-access=ALL-UNNAMED,javafx.graphics",
            // HAPI FHIR brings SLF4J without a binding; its "no providers" notice is noise on the CLI's stderr
            "-Dslf4j.internal.verbosity=ERROR",
            "-Dclinicterm.bundle=true");

    private final Map<String, String> args;
    private final Path work;
    private final Path out;
    private final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);

    Bundler(Map<String, String> args) {
        this.args = args;
        this.work = Path.of(require("work")).toAbsolutePath();
        this.out = Path.of(args.getOrDefault("out", work.toString())).toAbsolutePath();
    }

    public static void main(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) {
                usage("unexpected argument " + argv[i]);
            }
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        if (argv.length % 2 != 0) {
            usage("missing value after " + argv[argv.length - 1]);
        }
        try {
            new Bundler(args).build();
        } catch (BundleException e) {
            System.err.println("bundler: " + e.getMessage());
            System.exit(1);
        } catch (IOException e) {
            System.err.println("bundler: I/O error: " + e);
            System.exit(1);
        }
    }

    private static void usage(String why) {
        System.err.println("bundler: " + why);
        System.err.println("usage: Bundler --work DIR [--out DIR] [--resources DIR] [--extras DIR] --version X.Y.Z"
                + " [--type deb|rpm|msi|exe|dmg|pkg|app-image] [--aot on|off|auto]");
        System.exit(2);
    }

    void build() throws IOException {
        String version = require("version");
        if (!version.matches("\\d+(\\.\\d+){0,3}")) {
            throw new BundleException("--version must be dotted numbers (jpackage's rule), got " + version);
        }
        String type = args.getOrDefault("type", "app-image");
        Path appJars = work.resolve("app");
        Path mainJar = findOne(appJars, "terminal-app-", ".jar");

        long t0 = System.nanoTime();
        Path runtime = runtimeImage();
        log("runtime image %s (%s) in %.1f s", runtime, megabytes(sizeOf(runtime)), seconds(t0));

        long t1 = System.nanoTime();
        Optional<Path> icon = Icon.write(work.resolve("icon"), os);
        Path image = appImage(version, appJars, mainJar, runtime, icon);
        log("application image %s (%s) in %.1f s", image, megabytes(sizeOf(image)), seconds(t1));

        boolean aot = wantsAot();
        if (type.equals("app-image")) {
            if (aot) {
                long t2 = System.nanoTime();
                trainAot(image);
                log("AOT cache trained in %.1f s", seconds(t2));
            }
            return;
        }
        long t3 = System.nanoTime();
        Path bundle = installer(type, version, image, icon);
        log("%s %s (%s) in %.1f s", type, bundle, megabytes(Files.size(bundle)), seconds(t3));
        if (aot && type.equals("deb")) {
            long t4 = System.nanoTime();
            withAotCache(bundle);
            log("AOT cache trained into %s (%s) in %.1f s", bundle, megabytes(Files.size(bundle)), seconds(t4));
        } else if (aot) {
            log("no AOT cache in the %s: jpackage's staging gives the files new times, which invalidates a cache"
                    + " trained before it; ship it without one (docs/packaging.md)", type);
        }
    }

    // --- runtime image ----------------------------------------------------------------------------------------------

    /** jlink of the JDK modules + JavaFX modules (natives moved out of the jars into the runtime's lib directory). */
    Path runtimeImage() throws IOException {
        Path javafx = work.resolve("javafx");
        Path modules = clean(work.resolve("javafx-modules"));
        Path natives = clean(work.resolve("javafx-natives"));
        List<Path> platformJars;
        try (Stream<Path> s = Files.list(javafx)) {
            // javafx-base-25.0.2.jar is an empty shell; the classified jar (-linux, -win, -mac…) holds the module
            platformJars = s.filter(p -> p.getFileName().toString().matches("javafx-[a-z]+-[0-9.]+-[a-z0-9-]+\\.jar"))
                    .sorted().toList();
        }
        if (platformJars.size() < JAVAFX_MODULES.size()) {
            throw new BundleException("expected the platform JavaFX jars in " + javafx + ", found " + platformJars);
        }
        for (Path jar : platformJars) {
            splitNatives(jar, modules.resolve(jar.getFileName()), natives);
        }
        Path runtime = work.resolve("runtime");
        deleteTree(runtime);
        List<String> modulesToAdd = new ArrayList<>(JDK_MODULES);
        modulesToAdd.addAll(JAVAFX_MODULES);
        run("jlink", "--module-path", modules.toString(),
                "--add-modules", String.join(",", modulesToAdd),
                "--include-locales", "en,vi",
                "--strip-debug", "--no-header-files", "--no-man-pages", "--compress", "zip-6",
                "--output", runtime.toString());
        Path lib = os.contains("win") ? runtime.resolve("bin") : runtime.resolve("lib");
        try (Stream<Path> s = Files.list(natives)) {
            for (Path n : s.toList()) {
                Files.copy(n, lib.resolve(n.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return runtime;
    }

    /** Copies {@code jar} to {@code target} without its native libraries, which go to {@code nativesDir}. */
    static void splitNatives(Path jar, Path target, Path nativesDir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream outJar = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName();
                if (isNative(name)) {
                    Path file = nativesDir.resolve(name.substring(name.lastIndexOf('/') + 1));
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    ZipEntry copy = new ZipEntry(name);
                    copy.setTime(e.getTime());
                    outJar.putNextEntry(copy);
                    in.transferTo(outJar);
                    outJar.closeEntry();
                }
            }
        }
    }

    static boolean isNative(String entry) {
        return !entry.endsWith("/") && (entry.endsWith(".so") || entry.endsWith(".dll") || entry.endsWith(".dylib"));
    }

    // --- application image ------------------------------------------------------------------------------------------

    Path appImage(String version, Path appJars, Path mainJar, Path runtime, Optional<Path> icon) throws IOException {
        Path dest = clean(work.resolve("image"));
        List<String> cmd = new ArrayList<>(List.of("--type", "app-image", "--name", NAME, "--app-version", version,
                "--vendor", VENDOR, "--description", DESCRIPTION,
                "--input", appJars.toString(), "--main-jar", mainJar.getFileName().toString(),
                "--main-class", MAIN_CLASS, "--runtime-image", runtime.toString(), "--dest", dest.toString()));
        icon.ifPresent(i -> cmd.addAll(List.of("--icon", i.toString())));
        for (String o : JAVA_OPTIONS) {
            cmd.add("--java-options");
            cmd.add(o);
        }
        Optional.ofNullable(args.get("extras")).map(Path::of).filter(Files::isDirectory).ifPresent(extras -> {
            cmd.add("--app-content");
            cmd.add(extras.toAbsolutePath().toString());
        });
        if (os.contains("win")) {
            cmd.add("--win-console"); // the CLI verbs print to the console; the window opens from the shortcut
        }
        run("jpackage", cmd.toArray(String[]::new));
        try (Stream<Path> s = Files.list(dest)) {
            return s.findFirst().orElseThrow(() -> new BundleException("jpackage left no image in " + dest));
        }
    }

    /** The launcher's configuration file ({@code lib/app/clinicterm.cfg}; {@code app/} on Windows/macOS). */
    static Path launcherConfig(Path image) throws IOException {
        try (Stream<Path> s = Files.walk(image)) {
            return s.filter(p -> p.getFileName().toString().equals(NAME + ".cfg")).findFirst()
                    .orElseThrow(() -> new BundleException("no " + NAME + ".cfg in " + image));
        }
    }

    static Path launcher(Path image) {
        Path unix = image.resolve("bin").resolve(NAME);
        if (Files.isExecutable(unix)) {
            return unix;
        }
        Path windows = image.resolve(NAME + ".exe");
        if (Files.exists(windows)) {
            return windows;
        }
        return image.resolve("Contents").resolve("MacOS").resolve(NAME);
    }

    // --- AOT cache --------------------------------------------------------------------------------------------------

    private boolean wantsAot() {
        String mode = args.getOrDefault("aot", "auto");
        return switch (mode) {
            case "off" -> false;
            case "on" -> true;
            case "auto" -> {
                boolean display = !os.contains("linux") || System.getenv("DISPLAY") != null
                        || System.getenv("WAYLAND_DISPLAY") != null;
                if (!display) {
                    log("no display: bundling without an AOT cache (run under Xvfb or pass -Ddist.aot=on)");
                }
                yield display;
            }
            default -> throw new BundleException("--aot is on, off or auto, got " + mode);
        };
    }

    /**
     * Trains the JDK 25 AOT cache (JEP 483/514) on the application image itself: the launcher runs the startup probe
     * (the app opens its first window in demo mode and exits once it is painted) with {@code -XX:AOTCacheOutput},
     * then the launcher configuration gets {@code -XX:AOTCache=$APPDIR/clinicterm.aot}. The cache is tied to this
     * runtime and these jar files (same names, sizes and times), which the installer keeps.
     */
    void trainAot(Path image) throws IOException {
        Path cfg = launcherConfig(image);
        Path cache = cfg.getParent().resolve(AOT_FILE);
        Files.deleteIfExists(cache);
        Path home = Files.createTempDirectory("clinicterm-aot-training-");
        try {
            ProcessBuilder pb = new ProcessBuilder(launcher(image).toString(), "demo").redirectErrorStream(true);
            pb.environment().put("CLINICTERM_HOME", home.toString());
            pb.environment().put("JAVA_TOOL_OPTIONS", "-XX:AOTCacheOutput=" + cache
                    + " -Dclinicterm.startupProbe=exit");
            Process p = pb.start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes());
            }
            if (!p.waitFor(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BundleException("AOT training run did not finish in 3 minutes:\n" + output);
            }
            if (p.exitValue() != 0 || !Files.exists(cache)) {
                throw new BundleException("AOT training run failed (exit " + p.exitValue() + "):\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while training the AOT cache");
        } finally {
            deleteTree(home);
        }
        String text = Files.readString(cfg);
        String option = "java-options=-XX:AOTCache=$APPDIR/" + AOT_FILE;
        if (!text.contains(option)) {
            Files.writeString(cfg, text.replace("[JavaOptions]\n", "[JavaOptions]\n" + option + "\n"));
        }
    }

    /**
     * Puts a trained AOT cache into a finished {@code .deb}. A cache is valid only for jar files with the times it
     * recorded, and jpackage's staging copies the application image with new times, so the cache is trained on the
     * package's own files: unpack the {@code .deb} (dpkg keeps the archive's times, as the installation will), train
     * there, add the cache and the launcher option, correct Installed-Size and build the package again.
     */
    void withAotCache(Path deb) throws IOException {
        Path root = work.resolve("deb-root");
        deleteTree(root);
        exec(List.of("dpkg-deb", "-R", deb.toString(), root.toString()));
        Path image;
        try (Stream<Path> s = Files.list(root.resolve("opt"))) {
            image = s.findFirst().orElseThrow(() -> new BundleException("no /opt directory in " + deb));
        }
        trainAot(image);
        Path control = root.resolve("DEBIAN").resolve("control");
        long kib = 0;
        try (Stream<Path> s = Files.list(root)) {
            for (Path top : s.filter(p -> !p.getFileName().toString().equals("DEBIAN")).toList()) {
                kib += (sizeOf(top) + 1023) / 1024;
            }
        }
        String text = Files.readString(control).replaceAll("(?m)^Installed-Size: .*$", "Installed-Size: " + kib);
        Files.writeString(control, text);
        exec(List.of("dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "-b", root.toString(), deb.toString()));
        deleteTree(root);
    }

    private static void exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        try {
            if (p.waitFor() != 0) {
                throw new BundleException(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n"
                        + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted: " + String.join(" ", command));
        }
    }

    // --- installer --------------------------------------------------------------------------------------------------

    Path installer(String type, String version, Path image, Optional<Path> icon) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("--type", type, "--name", NAME, "--app-version", version,
                "--vendor", VENDOR, "--description", DESCRIPTION, "--app-image", image.toString(),
                "--dest", out.toString(), "--license-file", licenseFile().toString()));
        icon.ifPresent(i -> cmd.addAll(List.of("--icon", i.toString())));
        Path resources = Path.of(args.getOrDefault("resources", "src/main/jpackage"));
        String osDir = os.contains("win") ? "windows" : os.contains("mac") ? "macos" : "linux";
        if (Files.isDirectory(resources.resolve(osDir))) {
            cmd.addAll(List.of("--resource-dir", resources.resolve(osDir).toAbsolutePath().toString()));
        }
        switch (type) {
            case "deb", "rpm" -> cmd.addAll(List.of(
                    "--linux-package-name", NAME,
                    "--linux-deb-maintainer", "clinic-it@clinicterm.invalid",
                    "--linux-app-category", "misc",
                    "--linux-menu-group", "Office;MedicalSoftware;",
                    "--linux-shortcut",
                    // javax.smartcardio loads libpcsclite.so.1 at run time: jpackage cannot see that
                    "--linux-package-deps", "pcscd, libpcsclite1"));
            case "msi", "exe" -> cmd.addAll(List.of(
                    "--win-menu", "--win-menu-group", VENDOR, "--win-shortcut", "--win-dir-chooser",
                    // a fixed upgrade code makes a newer .msi replace the older one
                    "--win-upgrade-uuid", "4f0b6a64-2f53-4c3e-9a61-6d1c0e7a5b21"));
            case "dmg", "pkg" -> cmd.addAll(List.of(
                    "--mac-package-identifier", "vn.clinicterm.terminal", "--mac-package-name", "ClinicTerm"));
            default -> throw new BundleException("unknown --type " + type);
        }
        Files.createDirectories(out);
        run("jpackage", cmd.toArray(String[]::new));
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().startsWith(NAME)
                            && p.getFileName().toString().endsWith("." + type))
                    .max(Comparator.comparing(Bundler::modified))
                    .orElseThrow(() -> new BundleException("jpackage left no ." + type + " in " + out));
        }
    }

    private Path licenseFile() throws IOException {
        Path license = work.resolve("LICENSE.txt");
        Files.writeString(license, """
                ClinicTerm — reception terminal for Vietnam's chip-based citizen ID card (CCCD).
                Bundles OpenJDK (GPLv2 with the Classpath Exception), OpenJFX (GPLv2 with the Classpath Exception),
                BouncyCastle (MIT), JMRTD and scuba (LGPL), sqlite-jdbc (Apache 2.0), OkHttp (Apache 2.0),
                Jackson (Apache 2.0), PDFBox (Apache 2.0), HAPI FHIR (Apache 2.0), picocli (Apache 2.0).
                """);
        return license;
    }

    // --- plumbing ---------------------------------------------------------------------------------------------------

    private static void run(String tool, String... toolArgs) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new BundleException(tool + " is not in this JDK (" + System.getProperty("java.home")
                        + "); build with JDK 25"));
        StringWriter output = new StringWriter();
        PrintWriter w = new PrintWriter(output);
        int rc = provider.run(w, w, toolArgs);
        w.flush();
        if (rc != 0) {
            throw new BundleException(tool + " failed (exit " + rc + "): " + String.join(" ", toolArgs) + "\n"
                    + output);
        }
        if (!output.toString().isBlank()) {
            System.out.print(output);
        }
    }

    private String require(String key) {
        String v = args.get(key);
        if (v == null || v.isBlank()) {
            throw new BundleException("--" + key + " is required");
        }
        return v;
    }

    private static Path findOne(Path dir, String prefix, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(suffix)).toList();
            if (found.size() != 1) {
                throw new BundleException("expected one " + prefix + "*" + suffix + " in " + dir + ", found " + found);
            }
            return found.getFirst();
        }
    }

    private static Path clean(Path dir) throws IOException {
        deleteTree(dir);
        return Files.createDirectories(dir);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void log(String format, Object... a) {
        System.out.println("bundler: " + String.format(Locale.ROOT, format, a));
    }

    /** A build step failed; the message says which and why. */
    static final class BundleException extends RuntimeException {
        BundleException(String message) {
            super(message);
        }
    }
}
