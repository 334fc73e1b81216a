package vn.clinicterm.cardsim.internal;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Encodable;
import org.jmrtd.lds.icao.COMFile;
import org.jmrtd.lds.icao.DG15File;
import org.jmrtd.lds.icao.DG1File;
import vn.clinicterm.cardsim.CardImage;
import vn.clinicterm.cardsim.FaultProfile;
import vn.clinicterm.cardsim.SimCitizen;
import vn.clinicterm.cardsim.TestPki;
import vn.clinicterm.cardsim.TestPki.DocumentSigner;

/** Assembles one card's files and keys; see {@link vn.clinicterm.cardsim.CardImages} for the contract. */
public final class CardImageBuilder {

    private static final Instant EXPIRED_DSC_SIGNING_TIME = Instant.parse("2020-06-15T02:00:00Z");

    private final SimCitizen citizen;
    private final TestPki pki;
    private final Set<FaultProfile> profiles;

    private CardImageBuilder(SimCitizen citizen, TestPki pki, Set<FaultProfile> profiles) {
        this.citizen = citizen;
        this.pki = pki;
        this.profiles = profiles.isEmpty() ? EnumSet.noneOf(FaultProfile.class) : EnumSet.copyOf(profiles);
    }

    public static CardImage build(SimCitizen citizen, TestPki pki, Set<FaultProfile> profiles) {
        return new CardImageBuilder(citizen, pki, profiles).build();
    }

    private CardImage build() {
        long seed = pki.seed();
        String id = citizen.idNumber();
        boolean passportLike = has(FaultProfile.NO_PACE);
        KeyPair ca = ChipKeys.ecKeyPair(seed, id, "ca");
        KeyPair aa = has(FaultProfile.RSA_AA) ? ChipKeys.rsaKeyPair(seed, id, "aa", 2048)
                : ChipKeys.ecKeyPair(seed, id, "aa");

        byte[] dg1 = new DG1File(Mrz.of(citizen, null)).getEncoded();
        byte[] dg2 = FacePortrait.dg2(citizen, has(FaultProfile.JPEG2000));
        byte[] dg3 = fingerprintPlaceholder();
        byte[] dg13 = passportLike ? null
                : has(FaultProfile.MALFORMED_DG13) ? Dg13.malformed(citizen) : Dg13.encode(citizen);
        byte[] dg14 = dg14(ca, aa);
        byte[] dg15 = new DG15File(aa.getPublic()).getEncoded();

        Map<Integer, byte[]> signed = new LinkedHashMap<>();
        signed.put(1, dg1);
        signed.put(2, dg2);
        signed.put(3, dg3);
        if (dg13 != null) {
            signed.put(13, dg13);
        }
        signed.put(14, dg14);
        signed.put(15, dg15);
        byte[] sod = sod(signed);

        if (has(FaultProfile.TAMPERED_DG)) {
            dg1 = new DG1File(Mrz.of(citizen, bumpFirst(Mrz.givenNames(citizen)))).getEncoded();
            if (dg13 != null && !has(FaultProfile.MALFORMED_DG13)) {
                dg13 = Dg13.encode(withFullName(citizen, bumpLastAsciiLetter(citizen.fullName())));
            }
        }

        Map<Short, byte[]> files = new LinkedHashMap<>();
        files.put(CardImage.EF_COM, com(passportLike));
        if (!passportLike) {
            files.put(CardImage.EF_CARD_ACCESS, cardAccess());
        }
        files.put(CardImage.EF_DG1, dg1);
        files.put(CardImage.EF_DG2, dg2);
        files.put(CardImage.EF_DG3, dg3);
        if (dg13 != null) {
            files.put(CardImage.EF_DG13, dg13);
        }
        files.put(CardImage.EF_DG14, dg14);
        files.put(CardImage.EF_DG15, dg15);
        files.put(CardImage.EF_SOD, sod);

        KeyPair chipCa = ca;
        KeyPair chipAa = aa;
        if (has(FaultProfile.CLONE)) {
            chipCa = ChipKeys.ecKeyPair(seed, id, "clone-ca");
            chipAa = has(FaultProfile.RSA_AA) ? ChipKeys.rsaKeyPair(seed, id, "clone-aa", 2048)
                    : ChipKeys.ecKeyPair(seed, id, "clone-aa");
        }
        return new CardImage(citizen, files, chipCa, chipAa, profiles);
    }

    private boolean has(FaultProfile profile) {
        return profiles.contains(profile);
    }

    /** Which signer a profile set calls for; when several apply, the first of this list wins. */
    DocumentSigner documentSigner() {
        if (has(FaultProfile.UNKNOWN_CSCA)) {
            return DocumentSigner.UNKNOWN_CSCA;
        } else if (has(FaultProfile.EXPIRED_DSC)) {
            return DocumentSigner.EXPIRED;
        } else if (has(FaultProfile.REVOKED_DSC)) {
            return DocumentSigner.REVOKED;
        } else if (has(FaultProfile.RSA_PSS)) {
            return DocumentSigner.RSA_PSS;
        }
        return DocumentSigner.BRAINPOOL;
    }

    private byte[] sod(Map<Integer, byte[]> signed) {
        DocumentSigner signer = documentSigner();
        X509Certificate certificate = pki.documentSigner(signer);
        PrivateKey key = pki.documentSignerPrivateKey(signer);
        String label = "sod|" + citizen.idNumber() + "|"
                + profiles.stream().map(FaultProfile::name).collect(Collectors.joining(","));
        byte[] sod = SodBuilder.build(signed, certificate, key, signingTime(signer, certificate),
                DeterministicRandom.of(pki.seed(), label));
        if (has(FaultProfile.BAD_SOD_SIGNATURE)) {
            sod = SodBuilder.withBrokenSignature(sod);
        }
        if (has(FaultProfile.MALFORMED_SOD)) {
            sod = SodBuilder.malformed(sod);
        }
        return sod;
    }

    /**
     * The issue date at 09:00 in Vietnam, moved into the signer's validity when the card predates it (the test DSCs
     * start in 2025, the cards in 2021): a verifier checking signingTime against the DSC then still passes a genuine
     * card.
     */
    private Date signingTime(DocumentSigner signer, X509Certificate certificate) {
        if (signer == DocumentSigner.EXPIRED) {
            return Date.from(EXPIRED_DSC_SIGNING_TIME);
        }
        Instant issued = citizen.issueDate().atTime(2, 0).toInstant(ZoneOffset.UTC);
        Instant earliest = certificate.getNotBefore().toInstant().plusSeconds(86_400 + 7_200);
        return Date.from(issued.isBefore(earliest) ? earliest : issued);
    }

    private static byte[] com(boolean passportLike) {
        int[] tags = passportLike
                ? new int[] {0x61, 0x75, 0x63, 0x6E, 0x6F}
                : new int[] {0x61, 0x75, 0x63, 0x6D, 0x6E, 0x6F};
        return new COMFile("1.7", "4.0.0", tags).getEncoded();
    }

    private static byte[] cardAccess() {
        return SecurityInfos.set(List.of(
                SecurityInfos.paceInfo(),
                SecurityInfos.chipAuthenticationInfo(),
                SecurityInfos.terminalAuthenticationInfo()));
    }

    private static byte[] dg14(KeyPair ca, KeyPair aa) {
        List<ASN1Encodable> infos = new ArrayList<>();
        infos.add(SecurityInfos.chipAuthenticationInfo());
        infos.add(SecurityInfos.chipAuthenticationPublicKeyInfo(ca.getPublic()));
        if (!aa.getPublic().getAlgorithm().startsWith("RSA")) {
            infos.add(SecurityInfos.activeAuthenticationInfo(SecurityInfos.ECDSA_PLAIN_SHA256));
        }
        infos.add(SecurityInfos.terminalAuthenticationInfo());
        return Der.tlv(0x6E, SecurityInfos.set(infos));
    }

    /**
     * DG3 exists on a real CCCD but only an EAC terminal may read it: a biometric information group template with one
     * small synthetic record, so the file has a size and a hash.
     */
    private byte[] fingerprintPlaceholder() {
        byte[] record = new byte[48];
        DeterministicRandom.of(pki.seed(), "dg3|" + citizen.idNumber()).nextBytes(record);
        System.arraycopy(new byte[] {'F', 'I', 'R', 0, '0', '1', '0', 0}, 0, record, 0, 8);
        byte[] header = Der.tlv(0xA1, new byte[] {(byte) 0x80, 0x02, 0x01, 0x01});
        byte[] template = Der.tlv(0x7F60, header, Der.tlv(0x5F2E, record));
        return Der.tlv(0x63, Der.tlv(0x7F61, new byte[] {0x02, 0x01, 0x01}, template));
    }

    private static String bumpFirst(String mrzNames) {
        char first = mrzNames.charAt(0);
        return (first == 'Z' ? 'A' : (char) (first + 1)) + mrzNames.substring(1);
    }

    /** Changes one ASCII letter, so the UTF-8 length (and every TLV length) stays the same. */
    private static String bumpLastAsciiLetter(String name) {
        char[] chars = name.toCharArray();
        for (int i = chars.length - 1; i >= 0; i--) {
            char c = chars[i];
            if (c >= 'a' && c <= 'z') {
                chars[i] = c == 'z' ? 'a' : (char) (c + 1);
                return new String(chars);
            }
            if (c >= 'A' && c <= 'Z') {
                chars[i] = c == 'Z' ? 'A' : (char) (c + 1);
                return new String(chars);
            }
        }
        throw new IllegalArgumentException("a name without any ASCII letter");
    }

    private static SimCitizen withFullName(SimCitizen c, String fullName) {
        return new SimCitizen(c.idNumber(), c.oldIdNumber(), fullName, c.dateOfBirth(), c.gender(), c.nationality(),
                c.ethnicity(), c.religion(), c.placeOfOrigin(), c.residence(), c.identifyingMarks(), c.issueDate(),
                c.expiryDate(), c.fatherName(), c.motherName(), c.spouseName());
    }
}
