package vn.clinicterm.cardsim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.cardsim.internal.Bytes.hex;
import static vn.clinicterm.cardsim.internal.Bytes.unhex;

import org.junit.jupiter.api.Test;

/**
 * The worked examples of ICAO Doc 9303-11 (Appendix D: BAC and 3DES secure messaging; Appendix G.1: PACE-ECDH-GM on
 * brainpoolP256r1) run against the chip-side code. The AES secure-messaging trace is not published by ICAO; it was
 * computed independently from the G.1 session keys.
 */
class IcaoWorkedExamplesTest {

    private static final String BAC_MRZ_INFORMATION = "L898902C<369080619406236";

    @Test
    void bacMrzInformationHasTheAppendixDCheckDigits() {
        assertThat(BacChip.mrzKeySeedInput("L898902C", "690806", "940623")).isEqualTo(BAC_MRZ_INFORMATION);
    }

    @Test
    void bacKeyDerivationMatchesAppendixD() {
        byte[] seed = java.util.Arrays.copyOf(ChipCrypto.sha1(BAC_MRZ_INFORMATION.getBytes()), 16);
        assertThat(hex(seed)).isEqualTo("239AB9CB282DAF66231DC5A4DF6BFBAE");
        assertThat(hex(ChipCrypto.deriveKey(seed, 1, true))).isEqualTo("AB94FDECF2674FDFB9B391F85D7F76F2");
        assertThat(hex(ChipCrypto.deriveKey(seed, 2, true))).isEqualTo("7962D9ECE03D1ACD4C76089DCE131543");
    }

    @Test
    void bacMutualAuthenticationAndSecureMessagingMatchAppendixD() throws Exception {
        // RND.IC from GET CHALLENGE, then K.IC chosen by the chip
        BacChip chip = new BacChip(new ScriptedRandom("4608F91988702212", "0B4F80323EB3191CB04970CB4052790B"),
                BAC_MRZ_INFORMATION);
        assertThat(hex(chip.getChallenge())).isEqualTo("4608F91988702212");

        BacChip.Result result = chip.externalAuthenticate(unhex(
                "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2" + "5F1448EEA8AD90A7"));

        assertThat(result.sw()).isEqualTo(0x9000);
        assertThat(hex(result.data())).isEqualTo(
                "46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F" + "2F2D235D074D7449");
        SecureMessaging sm = result.session();
        assertThat(hex(sm.ssc())).isEqualTo("887022120C06C226");

        // D.4: SELECT EF.COM, protected
        Command select = sm.unwrap(Command.parse(unhex("0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800")));
        assertThat(select.ins()).isEqualTo(0xA4);
        assertThat(hex(select.data())).isEqualTo("011E");
        assertThat(hex(sm.wrap(new byte[0], 0x9000, false))).isEqualTo("990290008E08FA855A5D4C50A8ED9000");

        // READ BINARY of the first four bytes
        Command read = sm.unwrap(Command.parse(unhex("0CB000000D9701048E08ED6705417E96BA5500")));
        assertThat(read.ne()).isEqualTo(4);
        assertThat(hex(sm.wrap(unhex("60145F01"), 0x9000, false)))
                .isEqualTo("8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000");

        // READ BINARY of the rest
        Command rest = sm.unwrap(Command.parse(unhex("0CB000040D9701128E082EA28A70F3C7B53500")));
        assertThat(rest.p2()).isEqualTo(4);
        assertThat(rest.ne()).isEqualTo(0x12);
        assertThat(hex(sm.wrap(unhex("04303130365F36063034303030305C026175"), 0x9000, false))).isEqualTo(
                "871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000");
    }

    @Test
    void bacRefusesATerminalWithTheWrongKeys() {
        BacChip chip = new BacChip(new ScriptedRandom("4608F91988702212"), "L898902C<369080619406237");
        chip.getChallenge();
        BacChip.Result result = chip.externalAuthenticate(unhex(
                "72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2" + "5F1448EEA8AD90A7"));
        assertThat(result.sw()).isEqualTo(0x6300);
        assertThat(result.session()).isNull();
    }

    @Test
    void paceGenericMappingMatchesAppendixG1() throws Exception {
        PaceChip chip = new PaceChip(new ScriptedRandom(
                "3F00C4D39D153F2B2A214A078D899B22",
                "498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560",
                "107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A"),
                "000000", "T22000129364081251010318");

        assertThat(chip.setAuthenticationTemplate(unhex("800A04007F00070202040202830101"))).isEqualTo(0x9000);

        PaceChip.Step nonce = chip.generalAuthenticate(unhex("7C00"), true);
        assertThat(hex(nonce.data())).isEqualTo("7C12801095A3A016522EE98D01E76CB6B98B42C3");

        PaceChip.Step mapping = chip.generalAuthenticate(unhex("7C438141"
                + "047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E"
                + "544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D"), true);
        assertThat(hex(mapping.data())).isEqualTo("7C438241"
                + "04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F57"
                + "30D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54");

        PaceChip.Step agreement = chip.generalAuthenticate(unhex("7C438341"
                + "042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C"
                + "3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462"), true);
        assertThat(hex(agreement.data())).isEqualTo("7C438441"
                + "049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB"
                + "7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094");

        PaceChip.Step tokens = chip.generalAuthenticate(unhex("7C0A8508C2B0BD78D94BA866"), false);
        assertThat(tokens.sw()).isEqualTo(0x9000);
        assertThat(hex(tokens.data())).isEqualTo("7C0A86083ABB9674BCE93C08");

        // the session keys of G.1 (KSenc F5F0E35C…, KSmac FE251C78…), checked through an independently computed
        // AES secure-messaging exchange: SELECT EF.COM, then READ BINARY of four bytes
        SecureMessaging sm = tokens.sessionKeys();
        Command select = sm.unwrap(Command.parse(unhex(
                "0CA4020C1D871101EE0E4724F4465C1BE9C2F73ABDD73A3D8E08835D1B54575C955F00")));
        assertThat(hex(select.data())).isEqualTo("011E");
        assertThat(hex(sm.wrap(new byte[0], 0x9000, false))).isEqualTo("990290008E08BEA7B381C494A0799000");
        Command read = sm.unwrap(Command.parse(unhex("0CB000000D9701048E08AA6BA54F44DF836400")));
        assertThat(read.ne()).isEqualTo(4);
        assertThat(hex(sm.wrap(unhex("60145F01"), 0x9000, false)))
                .isEqualTo("871101645C0B1F998A088278D07942BBE94B60990290008E0894A33C6AA2D8CCC89000");
    }

    @Test
    void pacePointsAreAlwaysSixtyFiveBytesEvenWithLeadingZeroCoordinates() {
        EcGroup group = EcGroup.BRAINPOOL_P256R1;
        // find a multiple of G whose x coordinate starts with a zero byte, and check both encodings keep it
        java.math.BigInteger k = java.math.BigInteger.ONE;
        org.bouncycastle.math.ec.ECPoint p = group.generator();
        while (p.normalize().getAffineXCoord().toBigInteger().bitLength() > 248) {
            k = k.add(java.math.BigInteger.ONE);
            p = group.generator().multiply(k);
        }
        assertThat(group.encode(p)).hasSize(65);
        assertThat(group.sharedSecret(java.math.BigInteger.ONE, p)).hasSize(32).startsWith(0);
    }
}
