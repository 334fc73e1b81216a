package vn.clinicterm.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.FaultProfile;

/** Whatever a card sends, every parser answers with a value: never an exception. */
class HostileInputTest {

    record Target(String fileId, Function<byte[], Parsed<?>> parser, byte[] genuine) {
        @Override
        public String toString() {
            return fileId;
        }
    }

    static Stream<Target> targets() {
        CardImage card = TestFiles.card(1);
        return Stream.of(
                new Target("DG1", LdsParsers::dg1, card.file(CardImage.EF_DG1)),
                new Target("DG2", LdsParsers::dg2, card.file(CardImage.EF_DG2)),
                new Target("DG2", LdsParsers::dg2, TestFiles.sample("bsi2008/Datagroup2.bin")),
                new Target("DG13", LdsParsers::dg13, card.file(CardImage.EF_DG13)),
                new Target("DG14", LdsParsers::dg14, card.file(CardImage.EF_DG14)),
                new Target("DG14", LdsParsers::dg14, TestFiles.sample("icao-spec/Datagroup14.bin")),
                new Target("DG15", LdsParsers::dg15, card.file(CardImage.EF_DG15)),
                new Target("DG15", LdsParsers::dg15, TestFiles.sample("nl-sdu2006/Datagroup15.bin")),
                new Target("COM", LdsParsers::com, card.file(CardImage.EF_COM)),
                new Target("SOD", LdsParsers::sod, card.file(CardImage.EF_SOD)),
                new Target("SOD", LdsParsers::sod, TestFiles.sample("bsi2008/EF_SOD.bin")));
    }

    private static final java.util.logging.Logger JMRTD_LOG = java.util.logging.Logger.getLogger("org.jmrtd");
    private static java.util.logging.Level jmrtdLevel;

    /** JMRTD logs a stack trace for each broken file; thousands of them would drown the build output. */
    @org.junit.jupiter.api.BeforeAll
    static void quietJmrtd() {
        jmrtdLevel = JMRTD_LOG.getLevel();
        JMRTD_LOG.setLevel(java.util.logging.Level.OFF);
    }

    @org.junit.jupiter.api.AfterAll
    static void restoreJmrtd() {
        JMRTD_LOG.setLevel(jmrtdLevel);
    }

    @Test
    void theJmrtdSodCrasherIsMalformed() {
        assertMalformed("SOD", LdsParsers.sod(new byte[] {0x77, 0x6D}));
    }

    @Test
    void theSimulatorsMalformedSodIsMalformed() {
        assertMalformed("SOD", LdsParsers.sod(TestFiles.card(1, FaultProfile.MALFORMED_SOD).file(CardImage.EF_SOD)));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void theGenuineFileParses(Target target) {
        assertThat(target.parser().apply(target.genuine()).isOk()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("targets")
    void nullEmptyAndTinyInputsAreMalformed(Target target) {
        for (byte[] input : List.of(new byte[0], new byte[] {0x00}, new byte[] {target.genuine()[0]},
                new byte[] {target.genuine()[0], 0x00}, new byte[] {target.genuine()[0], (byte) 0x84, 0x7F, -1, -1, -1},
                new byte[] {target.genuine()[0], (byte) 0x80, 0x00, 0x00})) {
            assertMalformed(target.fileId(), target.parser().apply(input));
        }
        assertMalformed(target.fileId(), target.parser().apply(null));
    }

    @ParameterizedTest
    @MethodSource("targets")
    void everyTruncationIsMalformed(Target target) {
        byte[] genuine = target.genuine();
        List<Integer> cuts = new ArrayList<>();
        for (int cut = 1; cut < Math.min(genuine.length, 300); cut++) {
            cuts.add(cut);
        }
        for (int cut = 300; cut < genuine.length; cut += Math.max(1, genuine.length / 200)) {
            cuts.add(cut);
        }
        for (int cut : cuts) {
            Parsed<?> parsed = target.parser().apply(Arrays.copyOf(genuine, cut));
            assertThat(parsed).as("%s cut to %d bytes", target, cut).isInstanceOf(Parsed.Malformed.class);
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void bitFlipsNeverThrow(Target target) {
        byte[] genuine = target.genuine();
        Random random = new Random(20_261_128L + genuine.length);
        for (int i = 0; i < 400; i++) {
            byte[] flipped = genuine.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                int at = i < 64 && i < genuine.length ? i : random.nextInt(genuine.length);
                flipped[at] ^= (byte) (1 << random.nextInt(8));
            }
            Parsed<?> parsed = target.parser().apply(flipped); // any outcome but an exception
            if (parsed instanceof Parsed.Malformed<?> malformed) {
                assertThat(malformed.fileId()).isEqualTo(target.fileId());
                assertThat(malformed.reason()).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("targets")
    void oversizedInputIsRejectedBeforeParsing(Target target) {
        byte[] huge = new byte[600 * 1024];
        huge[0] = target.genuine()[0];
        huge[1] = (byte) 0x83;
        huge[2] = 0x09;
        huge[3] = 0x5F;
        huge[4] = (byte) 0xFB;

        Parsed<?> parsed = target.parser().apply(huge);

        assertMalformed(target.fileId(), parsed);
        assertThat(((Parsed.Malformed<?>) parsed).reason()).contains("more than");
    }

    @Test
    void deeplyNestedStructuresAreMalformed() {
        int depth = 5000;
        // Build from the inside out: 30 82 LL LL … around an empty SEQUENCE, inside a 6D.
        byte[] inner = {0x30, 0x00};
        for (int i = 0; i < depth; i++) {
            byte[] outer = new byte[inner.length + 4];
            outer[0] = 0x30;
            outer[1] = (byte) 0x82;
            outer[2] = (byte) (inner.length >> 8);
            outer[3] = (byte) inner.length;
            System.arraycopy(inner, 0, outer, 4, inner.length);
            inner = outer;
            if (inner.length > 60_000) {
                break;
            }
        }
        byte[] file = new byte[inner.length + 4];
        file[0] = 0x6D;
        file[1] = (byte) 0x82;
        file[2] = (byte) (inner.length >> 8);
        file[3] = (byte) inner.length;
        System.arraycopy(inner, 0, file, 4, inner.length);

        assertMalformed("DG13", LdsParsers.dg13(file));
        file[0] = 0x77;
        assertMalformed("SOD", LdsParsers.sod(file));
    }

    @Test
    void aFaceRecordClaimingGigabytesIsMalformed() {
        byte[] dg2 = TestFiles.card(1).file(CardImage.EF_DG2);
        int fac = indexOf(dg2, new byte[] {'F', 'A', 'C', 0});
        assertThat(fac).isPositive();
        byte[] claimsMore = dg2.clone();
        claimsMore[fac + 8] = 0x7F; // record length ≈ 2 GB
        byte[] faceClaimsMore = dg2.clone();
        faceClaimsMore[fac + 14] = 0x7F;

        byte[] tooManyFeaturePoints = dg2.clone();
        tooManyFeaturePoints[fac + 18] = (byte) 0xFF; // JMRTD would skip past the end forever
        tooManyFeaturePoints[fac + 19] = (byte) 0xFF;

        assertMalformed("DG2", LdsParsers.dg2(claimsMore));
        assertMalformed("DG2", LdsParsers.dg2(faceClaimsMore));
        assertMalformed("DG2", LdsParsers.dg2(tooManyFeaturePoints));
    }

    @Test
    void malformedReasonsDoNotQuoteTheFile() {
        byte[] dg1 = TestFiles.card(1).file(CardImage.EF_DG1);
        byte[] wrongCode = dg1.clone();
        int at = indexOf(wrongCode, "IDVNM".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        wrongCode[at + 2] = '#';

        Parsed<MrzData> parsed = LdsParsers.dg1(wrongCode);

        if (parsed instanceof Parsed.Malformed<MrzData> malformed) {
            assertThat(malformed.reason()).doesNotContain("085012345", "NGUYEN", "001085012345");
        }
    }

    private static void assertMalformed(String fileId, Parsed<?> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Malformed.class);
        assertThat(((Parsed.Malformed<?>) parsed).fileId()).isEqualTo(fileId);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
