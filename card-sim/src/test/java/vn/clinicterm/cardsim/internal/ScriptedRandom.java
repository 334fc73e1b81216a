package vn.clinicterm.cardsim.internal;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;

/** A random source that hands out the bytes of a worked example, in order; anything beyond them is an error. */
final class ScriptedRandom extends SecureRandom {
    private final Deque<byte[]> script = new ArrayDeque<>();

    ScriptedRandom(String... hexValues) {
        for (String hex : hexValues) {
            script.add(Bytes.unhex(hex));
        }
    }

    @Override
    public void nextBytes(byte[] bytes) {
        byte[] next = script.poll();
        if (next == null || next.length != bytes.length) {
            throw new IllegalStateException("script expected " + (next == null ? "nothing" : next.length + " bytes")
                    + " but " + bytes.length + " bytes were asked for");
        }
        System.arraycopy(next, 0, bytes, 0, bytes.length);
    }
}
