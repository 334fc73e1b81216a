package vn.clinicterm.card.verify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.FaultProfile;

/**
 * Property tests over the fuzz targets with a seeded mutator, so they run everywhere (and the same way every time):
 * seeds from the simulator and the shared real samples, mutated by bit flips, truncations, length-byte edits,
 * deletions and duplications. Whatever the bytes, parsers answer, imports report, the verifier judges.
 */
class SeededMutationTest {

    private static final long SEED = 20_261_128L;

    record Target(String name, Consumer<byte[]> target, List<byte[]> seeds, int mutations) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Target> targets() {
        CardImage card = VerifyFixtures.card(1);
        CardImage rsa = VerifyFixtures.card(2, FaultProfile.RSA_AA);
        return Stream.of(
                new Target("SOD", VerificationFuzzTargets::sod, List.of(card.file(CardImage.EF_SOD),
                        VerifyFixtures.card(1, FaultProfile.RSA_PSS).file(CardImage.EF_SOD),
                        VerifyFixtures.shared("lds-samples/bsi2008/EF_SOD.bin"),
                        VerifyFixtures.shared("lds-samples/nz2011/EF_SOD.bin"), new byte[] {0x77, 0x6D}), 400),
                new Target("DG1", VerificationFuzzTargets::dg1, List.of(card.file(CardImage.EF_DG1),
                        VerifyFixtures.shared("lds-samples/bsi2008/Datagroup1.bin")), 400),
                new Target("DG13", VerificationFuzzTargets::dg13, List.of(card.file(CardImage.EF_DG13),
                        VerifyFixtures.card(1, FaultProfile.MALFORMED_DG13).file(CardImage.EF_DG13)), 400),
                new Target("DG14", VerificationFuzzTargets::dg14, List.of(card.file(CardImage.EF_DG14),
                        VerifyFixtures.shared("lds-samples/icao-spec/Datagroup14.bin"),
                        VerifyFixtures.shared("lds-samples/bsi2008/Datagroup14.bin")), 400),
                new Target("DG15", VerificationFuzzTargets::dg15, List.of(card.file(CardImage.EF_DG15),
                        rsa.file(CardImage.EF_DG15), VerifyFixtures.shared("lds-samples/nl-sdu2006/Datagroup15.bin")),
                        400),
                new Target("COM", VerificationFuzzTargets::com, List.of(card.file(CardImage.EF_COM),
                        VerifyFixtures.shared("lds-samples/bsi2008/EF_COM.bin")), 400),
                new Target("master list", VerificationFuzzTargets::trustImport,
                        List.of(VerifyFixtures.shared("trust/icao-masterlist.ml")), 12),
                new Target("CRL and certificates", VerificationFuzzTargets::trustImport, List.of(
                        encoded(() -> VerifyFixtures.PKI.crl().getEncoded()),
                        encoded(() -> VerifyFixtures.PKI.csca(vn.clinicterm.cardsim.TestPki.Csca.BRAINPOOL)
                                .getEncoded())), 40),
                new Target("verifier", VerificationFuzzTargets::verifier, verifierSeeds(card), 300));
    }

    private interface Encoder {
        byte[] get() throws Exception;
    }

    private static byte[] encoded(Encoder encoder) {
        try {
            return encoder.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<byte[]> verifierSeeds(CardImage card) {
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < VerificationFuzzTargets.VERIFIER_FILES.length; i++) {
            byte[] file = VerifyFixtures.filesOf(card).get(VerificationFuzzTargets.VERIFIER_FILES[i]);
            byte[] seed = new byte[file.length + 1];
            seed[0] = (byte) i;
            System.arraycopy(file, 0, seed, 1, file.length);
            seeds.add(seed);
        }
        return seeds;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void whateverTheBytesTheCodeAnswersWithAValue(Target target) {
        Random random = new Random(SEED ^ target.name().hashCode());
        for (byte[] seed : target.seeds()) {
            target.target().accept(seed);
        }
        for (int i = 0; i < target.mutations(); i++) {
            byte[] seed = target.seeds().get(random.nextInt(target.seeds().size()));
            byte[] input = mutate(seed, random, target.name().equals("verifier"));
            target.target().accept(input);
        }
    }

    /** One to three mutations; with {@code keepFirst} the selector byte of a verifier input stays. */
    static byte[] mutate(byte[] seed, Random random, boolean keepFirst) {
        byte[] out = seed.clone();
        int from = keepFirst ? 1 : 0;
        int count = 1 + random.nextInt(3);
        for (int n = 0; n < count && out.length > from; n++) {
            int at = from + random.nextInt(out.length - from);
            switch (random.nextInt(6)) {
                case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> out = Arrays.copyOf(out, at);
                case 2 -> out[at] = new byte[] {0x00, 0x7F, (byte) 0x80, (byte) 0x81, (byte) 0x82, (byte) 0x84,
                        (byte) 0xFF}[random.nextInt(7)];
                case 3 -> out[at] = (byte) random.nextInt(256);
                case 4 -> {
                    int end = Math.min(out.length, at + 1 + random.nextInt(16));
                    byte[] shorter = new byte[out.length - (end - at)];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, end, shorter, at, out.length - end);
                    out = shorter;
                }
                default -> {
                    int end = Math.min(out.length, at + 1 + random.nextInt(32));
                    byte[] longer = new byte[out.length + (end - at)];
                    System.arraycopy(out, 0, longer, 0, end);
                    System.arraycopy(out, at, longer, end, out.length - at);
                    out = longer;
                }
            }
        }
        return out;
    }
}
