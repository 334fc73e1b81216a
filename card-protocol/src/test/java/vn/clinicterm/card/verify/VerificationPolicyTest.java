package vn.clinicterm.card.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.clinicterm.card.verify.VerificationPolicy.Level;
import vn.clinicterm.card.verify.VerificationPolicy.ValidityModel;

/** The policy file: clinic defaults, overrides, and clear refusals. */
class VerificationPolicyTest {

    @TempDir
    Path temp;

    @Test
    void theClinicDefaultGivesEveryCheckALevel() {
        VerificationPolicy policy = VerificationPolicy.clinicDefault();

        assertThat(policy.levels()).containsOnlyKeys(CheckId.values());
        assertThat(policy.validityModel()).isEqualTo(ValidityModel.AT_SIGNING_TIME);
        assertThat(policy.sha1Level()).isEqualTo(Level.WARN);
        assertThat(policy.md5Level()).isEqualTo(Level.FAIL);
        assertThat(policy.rsaMinimumBits()).isEqualTo(2048);
        assertThat(policy.level(CheckId.DOCUMENT_EXPIRY)).isEqualTo(Level.WARN);
        assertThat(policy.level(CheckId.COM_CONSISTENCY)).isEqualTo(Level.WARN);
        assertThat(policy.revocationUnknownLevel()).isEqualTo(Level.WARN);
        assertThat(policy.chipAuthenticationMissingLevel()).isEqualTo(Level.WARN);
        assertThat(policy.name()).isEqualTo("clinic-default");
    }

    @Test
    void aPolicyFileChangesOnlyTheKeysItNames() throws Exception {
        Path file = Files.writeString(temp.resolve("strict.properties"),
                "check.document.expiry = fail\nvalidity.model = NOW\nalgorithm.rsaMinimumBits = 3072\n");

        VerificationPolicy policy = VerificationPolicy.load(file);

        assertThat(policy.level(CheckId.DOCUMENT_EXPIRY)).isEqualTo(Level.FAIL);
        assertThat(policy.validityModel()).isEqualTo(ValidityModel.NOW);
        assertThat(policy.rsaMinimumBits()).isEqualTo(3072);
        assertThat(policy.level(CheckId.COM_CONSISTENCY)).isEqualTo(Level.WARN);
        assertThat(policy.name()).isEqualTo("strict.properties");
    }

    @Test
    void anUnknownKeyIsRefusedByName() throws Exception {
        Path file = Files.writeString(temp.resolve("typo.properties"), "check.sod.signatur = FAIL\n");

        assertThatThrownBy(() -> VerificationPolicy.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("check.sod.signatur");
    }

    @Test
    void anUnknownOptionIsRefusedByName() throws Exception {
        Path file = Files.writeString(temp.resolve("typo.properties"), "algorithm.sha3 = WARN\n");

        assertThatThrownBy(() -> VerificationPolicy.load(file)).hasMessageContaining("algorithm.sha3");
    }

    @Test
    void aBadValueIsRefusedNamingKeyAndValue() throws Exception {
        Path file = Files.writeString(temp.resolve("bad.properties"), "check.lds.com = SOMETIMES\n");

        assertThatThrownBy(() -> VerificationPolicy.load(file))
                .hasMessageContaining("check.lds.com").hasMessageContaining("SOMETIMES");
    }

    @Test
    void aBadNumberIsRefusedNamingTheKey() throws Exception {
        Path file = Files.writeString(temp.resolve("bad.properties"), "algorithm.rsaMinimumBits = many\n");

        assertThatThrownBy(() -> VerificationPolicy.load(file)).hasMessageContaining("algorithm.rsaMinimumBits");
    }

    @Test
    void theSignatureCheckCannotBeWeakened() throws Exception {
        Path file = Files.writeString(temp.resolve("weak.properties"), "check.sod.signature = WARN\n");

        assertThatThrownBy(() -> VerificationPolicy.load(file)).hasMessageContaining("check.sod.signature");
    }

    @Test
    void theBuilderKeepsEverythingItDoesNotChange() {
        VerificationPolicy base = VerificationPolicy.clinicDefault();

        VerificationPolicy changed = base.toBuilder().level(CheckId.MRZ_DG13, Level.INFORM).build();

        assertThat(changed.level(CheckId.MRZ_DG13)).isEqualTo(Level.INFORM);
        assertThat(changed.toBuilder().level(CheckId.MRZ_DG13, Level.FAIL).build()).isEqualTo(base);
    }
}
