package vn.clinicterm.terminal.app;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * Plays each {@link Cue} as a short synthesised tone pair (no audio files, no JavaFX media): {@link Cue#SUCCESS} two
 * rising notes, {@link Cue#ATTENTION} two low falling ones, clearly different even on a small speaker.
 *
 * <p>Contract: {@link #play} returns at once, on any thread; the sound is written to the audio device from one
 * background daemon thread, and a cue that arrives while two are still waiting is dropped rather than queued. A
 * machine without an audio device (a server, Xvfb, CI) or a device that refuses the format stays silent: the first
 * failure is logged at DEBUG and every later cue is skipped at once. {@code -Dclinicterm.sound=off} silences it.
 */
public final class CueTones implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CueTones.class.getName());
    static final float SAMPLE_RATE = 22_050f;
    static final AudioFormat FORMAT = new AudioFormat(SAMPLE_RATE, 16, 1, true, false);

    private final ExecutorService player;
    private final Map<Cue, byte[]> sounds = new EnumMap<>(Cue.class);
    private final boolean muted;
    private volatile boolean unavailable;

    private CueTones(boolean muted) {
        this.muted = muted;
        for (Cue c : Cue.values()) {
            sounds.put(c, pcm(c));
        }
        player = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(2), r -> {
            Thread t = new Thread(r, "clinicterm-sound");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
    }

    /** A player for the default audio output (silent when there is none, or with {@code clinicterm.sound=off}). */
    public static CueTones open() {
        return new CueTones("off".equalsIgnoreCase(System.getProperty("clinicterm.sound", "on")));
    }

    /** Queues {@code cue}; never blocks and never throws. */
    public void play(Cue cue) {
        if (muted || unavailable || cue == null) {
            return;
        }
        byte[] data = sounds.get(cue);
        try {
            player.execute(() -> write(data));
        } catch (RuntimeException closed) {
            // closed meanwhile: nothing to play on
        }
    }

    /** False once the device turned out to be missing (or refused); the cues are then skipped. */
    public boolean available() {
        return !muted && !unavailable;
    }

    private void write(byte[] data) {
        if (unavailable) {
            return;
        }
        try (SourceDataLine line = AudioSystem.getSourceDataLine(FORMAT)) {
            line.open(FORMAT, data.length);
            line.start();
            line.write(data, 0, data.length);
            line.drain();
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException | IllegalStateException e) {
            unavailable = true;
            LOG.log(System.Logger.Level.DEBUG, "no sound output, cues stay silent: {0}", e.toString());
        }
    }

    /** 16-bit little-endian mono PCM of the cue's two notes, with short fades so nothing clicks. */
    static byte[] pcm(Cue cue) {
        return switch (cue) {
            case SUCCESS -> concat(note(880, 90), silence(25), note(1320, 140));
            case ATTENTION -> concat(note(440, 160), silence(40), note(311, 220));
        };
    }

    private static byte[] note(double hz, int millis) {
        int n = (int) (SAMPLE_RATE * millis / 1000);
        int fade = (int) (SAMPLE_RATE * 0.008);
        byte[] out = new byte[n * 2];
        for (int i = 0; i < n; i++) {
            double envelope = Math.min(1.0, Math.min(i, n - 1 - i) / (double) fade);
            // a little of the second harmonic makes the tone audible on tiny speakers
            double t = i / SAMPLE_RATE;
            double v = 0.8 * Math.sin(2 * Math.PI * hz * t) + 0.2 * Math.sin(4 * Math.PI * hz * t);
            short s = (short) (v * envelope * 0.5 * Short.MAX_VALUE);
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }

    private static byte[] silence(int millis) {
        return new byte[(int) (SAMPLE_RATE * millis / 1000) * 2];
    }

    private static byte[] concat(byte[]... parts) {
        int len = 0;
        for (byte[] p : parts) {
            len += p.length;
        }
        byte[] out = new byte[len];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Override
    public void close() {
        player.shutdownNow();
    }
}
