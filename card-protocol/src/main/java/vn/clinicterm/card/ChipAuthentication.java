package vn.clinicterm.card;

import java.math.BigInteger;

/**
 * What the reader did to show the chip is not a clone, as a fact for the verifier; whether it counts is the
 * verifier's decision (only when the DG14/DG15 used is covered by a verified SOD).
 */
public sealed interface ChipAuthentication {

    /**
     * Chip Authentication: key agreement with the DG14 key, then secure messaging under the new keys.
     *
     * @param confirmed whether the chip went on answering correctly under the agreed keys (a clone cannot)
     * @param detail what happened, for IT (status words, never key material)
     */
    record Ca(BigInteger keyId, String protocolOid, boolean confirmed, String detail) implements ChipAuthentication {}

    /** Active Authentication: the chip signed a fresh random challenge with its DG15 key. */
    record Aa(byte[] challenge, byte[] response) implements ChipAuthentication {
        public Aa {
            challenge = challenge.clone();
            response = response.clone();
        }

        @Override
        public byte[] challenge() {
            return challenge.clone();
        }

        @Override
        public byte[] response() {
            return response.clone();
        }
    }

    /** Neither was possible (the chip offers neither, or it refused). */
    record None(String reason) implements ChipAuthentication {}

    default String label() {
        return switch (this) {
            case Ca ca -> "CA";
            case Aa aa -> "AA";
            case None none -> "NONE";
        };
    }
}
