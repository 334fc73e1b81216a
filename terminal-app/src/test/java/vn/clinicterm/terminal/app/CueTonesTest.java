package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The two counter sounds: distinct, short, and never in the caller's way (with or without an audio device). */
class CueTonesTest {

    @Test
    void successAndAttentionAreShortDifferentAndAudible() {
        byte[] success = CueTones.pcm(Cue.SUCCESS);
        byte[] attention = CueTones.pcm(Cue.ATTENTION);

        assertThat(seconds(success)).isBetween(0.1, 0.5);
        assertThat(seconds(attention)).isBetween(0.1, 0.6);
        assertThat(Arrays.equals(success, attention)).isFalse();
        assertThat(peak(success)).isGreaterThan(Short.MAX_VALUE / 4);
        assertThat(peak(attention)).isGreaterThan(Short.MAX_VALUE / 4);
        // faded in and out: no click at either end
        assertThat(Math.abs(sample(success, 0))).isLessThan(200);
        assertThat(Math.abs(sample(attention, attention.length / 2 - 1))).isLessThan(200);
    }

    @Test
    void playingReturnsAtOnceWhetherOrNotThisMachineHasASoundDevice() {
        try (CueTones tones = CueTones.open()) {
            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                tones.play(i % 2 == 0 ? Cue.SUCCESS : Cue.ATTENTION);
            }
            tones.play(null);
            assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds for 21 cues").isLessThan(200);
        }
    }

    private static double seconds(byte[] pcm) {
        return pcm.length / 2.0 / CueTones.SAMPLE_RATE;
    }

    private static int sample(byte[] pcm, int i) {
        return (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
    }

    private static int peak(byte[] pcm) {
        int max = 0;
        for (int i = 0; i < pcm.length / 2; i++) {
            max = Math.max(max, Math.abs(sample(pcm, i)));
        }
        return max;
    }
}
