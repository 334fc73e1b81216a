package vn.clinicterm.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.CardImages;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SyntheticCitizens;
import vn.clinicterm.cardsim.TestPki;

/** Test inputs: real LDS samples from the shared directory (a missing directory fails the test) and sim cards. */
final class TestFiles {

    private static final Map<String, CardImage> IMAGES = new ConcurrentHashMap<>();

    private TestFiles() {}

    static Path sharedDir() {
        Path dir = Path.of(System.getProperty("clinicterm.shared.dir", "../../shared"));
        assertThat(dir.resolve("lds-samples"))
                .as("the shared LDS samples (set -Dclinicterm.shared.dir)")
                .isDirectory();
        return dir;
    }

    static byte[] sample(String relative) {
        Path file = sharedDir().resolve("lds-samples").resolve(relative);
        assertThat(file).as("LDS sample " + relative).isRegularFile();
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CardImage card(int citizen, FaultProfile... profiles) {
        Set<FaultProfile> set = Set.of(profiles);
        return IMAGES.computeIfAbsent(citizen + "|" + set,
                key -> CardImages.build(SyntheticCitizens.citizen(citizen), TestPki.standard(), set));
    }
}
