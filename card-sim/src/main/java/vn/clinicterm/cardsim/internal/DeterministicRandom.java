package vn.clinicterm.cardsim.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A reproducible {@link SecureRandom}: SHA-256 in counter mode over a seed. Passing one to a key generator or a
 * signature makes its output a function of the seed, so the test PKI and every simulated card come out byte-identical
 * on every machine. Never use it for anything but test material.
 *
 * <p>{@code setSeed} is ignored: the output depends on the construction seed alone, whatever a library mixes in.
 */
public final class DeterministicRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    private DeterministicRandom(CounterModeSpi spi) {
        super(spi, null);
    }

    /** A stream for one purpose: {@code label} keeps the streams for different keys and signatures independent. */
    public static DeterministicRandom of(long seed, String label) {
        byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
        byte[] material = new byte[8 + labelBytes.length];
        for (int i = 0; i < 8; i++) {
            material[i] = (byte) (seed >>> (56 - 8 * i));
        }
        System.arraycopy(labelBytes, 0, material, 8, labelBytes.length);
        return new DeterministicRandom(new CounterModeSpi(material));
    }

    @Override
    public String getAlgorithm() {
        return "SHA256-CTR-DETERMINISTIC";
    }

    private static final class CounterModeSpi extends SecureRandomSpi {

        private static final long serialVersionUID = 1L;

        private final byte[] seed;
        private final byte[] block = new byte[32];
        private int used = block.length;
        private long counter;

        CounterModeSpi(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        protected void engineSetSeed(byte[] ignored) {
            // deterministic by design: see the class comment
        }

        @Override
        protected synchronized void engineNextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                if (used == block.length) {
                    refill();
                }
                bytes[i] = block[used++];
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] out = new byte[numBytes];
            engineNextBytes(out);
            return out;
        }

        private void refill() {
            MessageDigest sha256 = sha256();
            sha256.update(seed);
            for (int i = 0; i < 8; i++) {
                sha256.update((byte) (counter >>> (56 - 8 * i)));
            }
            counter++;
            byte[] digest = sha256.digest();
            System.arraycopy(digest, 0, block, 0, block.length);
            used = 0;
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
