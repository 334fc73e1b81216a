package vn.clinicterm.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the bundle build that run without jlink/jpackage (those run in CI's install test). */
class BundlerTest {

    @TempDir
    Path dir;

    @Test
    void javafxNativesLeaveTheModuleJarAndLandInTheNativesDirectory() throws Exception {
        Path graphics = jarOf(javafx.application.Platform.class);
        assertThat(entries(graphics)).anyMatch(Bundler::isNative);

        Path natives = Files.createDirectories(dir.resolve("natives"));
        Path stripped = dir.resolve("graphics.jar");
        Bundler.splitNatives(graphics, stripped, natives);

        List<String> kept = entries(stripped);
        assertThat(kept).noneMatch(Bundler::isNative).contains("module-info.class",
                "javafx/application/Platform.class");
        assertThat(entries(graphics).stream().filter(e -> !Bundler.isNative(e))).hasSameSizeAs(kept);
        try (var s = Files.list(natives)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList())
                    .contains(System.mapLibraryName("glass"), System.mapLibraryName("prism_es2"));
        }
    }

    @Test
    void nativeLibrariesAreRecognisedOnEveryOs() {
        assertThat(Bundler.isNative("libglass.so")).isTrue();
        assertThat(Bundler.isNative("glass.dll")).isTrue();
        assertThat(Bundler.isNative("libglass.dylib")).isTrue();
        assertThat(Bundler.isNative("javafx/scene/Node.class")).isFalse();
        assertThat(Bundler.isNative("lib.so/")).isFalse();
    }

    @Test
    void theIconIsA256PixelPngOnLinuxAndLeftToJpackageElsewhere() throws IOException {
        Optional<Path> png = Icon.write(dir.resolve("icon"), "linux");
        assertThat(png).isPresent();
        BufferedImage img = ImageIO.read(png.get().toFile());
        assertThat(img.getWidth()).isEqualTo(Icon.SIZE);
        assertThat(img.getHeight()).isEqualTo(Icon.SIZE);
        assertThat(Icon.write(dir.resolve("win"), "windows 11")).isEmpty();
    }

    @Test
    void theModuleListCoversWhatTheAppUsesAtRunTime() {
        // every JDK module the app's code or its libraries need (jdeps), and the ones only reflection reaches
        assertThat(Bundler.JDK_MODULES).contains("java.smartcardio", "java.sql", "java.xml.crypto", "jdk.httpserver",
                "java.net.http", "jdk.net", "jdk.unsupported", "jdk.localedata", "java.desktop");
        assertThat(Bundler.JDK_MODULES).allSatisfy(m ->
                assertThat(java.lang.module.ModuleFinder.ofSystem().find(m)).as(m).isPresent());
        assertThat(Bundler.JAVAFX_MODULES).containsExactly("javafx.base", "javafx.graphics", "javafx.controls",
                "javafx.fxml");
    }

    private static Path jarOf(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<String> entries(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
