package vn.clinicterm.cardsim;

import java.util.Set;
import vn.clinicterm.cardsim.internal.CardImageBuilder;

/**
 * Builds what a simulated CCCD holds: every file as the raw bytes a terminal reads (outer tag included) and the chip's
 * private keys. The same citizen, PKI and profiles always give the same bytes.
 *
 * <p>A genuine card has EF.COM (LDS 1.7, tags 61 75 63 6D 6E 6F), EF.CardAccess (PACE-ECDH-GM-AES-128 on
 * brainpoolP256r1, CA, TA), DG1 (TD1 MRZ: {@code IDVNM}, the last 9 ID digits, and the full ID followed by {@code <<}
 * and its check digit as optional data), DG2 (a synthetic 240×320 JPEG face of 15–20 KB), DG3 (an EAC-protected
 * fingerprint placeholder), DG13 (the 15 CCCD fields, in field order), DG14 (CA public key on brainpoolP256r1, AA info,
 * TA info), DG15 (the AA public key) and EF.SOD, signed by the brainpool document signer of {@code pki}. The SOD holds
 * SHA-256 hashes of DG1, DG2, DG3, DG13, DG14 and DG15, over exactly the bytes served.
 *
 * <p>Fault profiles change the files as follows (the others only change the chip's behaviour, not its content):
 * <ul>
 *   <li>{@code TAMPERED_DG}: signed over the genuine DG1 and DG13, then served with one letter of the name changed
 *       (lengths unchanged, both files still parse);
 *   <li>{@code BAD_SOD_SIGNATURE}: one bit of the signature value flipped (the SOD still parses);
 *   <li>{@code UNKNOWN_CSCA}, {@code EXPIRED_DSC}, {@code REVOKED_DSC}, {@code RSA_PSS}: signed by that document
 *       signer (if several are given, the first in this order wins); the expired one signs with a signingTime inside
 *       its validity (2020-06-15);
 *   <li>{@code MALFORMED_DG13}, {@code MALFORMED_SOD}: the outer TLV is sound, an inner length runs past the end;
 *   <li>{@code NO_PACE}: no EF.CardAccess and no DG13, as on a passport;
 *   <li>{@code RSA_AA}: DG15 holds an RSA 2048 key and DG14 has no ActiveAuthenticationInfo;
 *   <li>{@code CLONE}: files unchanged, but the image's CA and AA keys are other key pairs than DG14/DG15 publish;
 *   <li>{@code JPEG2000}: the face is JPEG 2000, which needs an ImageIO JPEG 2000 writer on the class path.
 * </ul>
 *
 * <p>A build takes a few milliseconds once the face and any RSA key of that citizen were made in this JVM.
 */
public final class CardImages {

    private CardImages() {}

    /**
     * @throws UnsupportedOperationException for {@link FaultProfile#JPEG2000} when no JPEG 2000 encoder is available
     */
    public static CardImage build(SimCitizen citizen, TestPki pki, Set<FaultProfile> profiles) {
        return CardImageBuilder.build(citizen, pki, profiles);
    }
}
