package vn.clinicterm.card.verify.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.SodData;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/**
 * Every data group read that the SOD holds a hash for hashes, over exactly the bytes read (never a re-encoding: a
 * DG14 SET whose order differs from DER's must still match), with the SOD's own hash algorithm. With no such data
 * group read there is nothing proven about the chip's content: INDETERMINATE.
 */
final class DataGroupHashCheck implements Check {

    @Override
    public CheckId id() {
        return CheckId.DATA_GROUP_HASHES;
    }

    @Override
    public Finding run(VerificationContext context) {
        Optional<SodData> parsed = context.sodIfParsed();
        if (parsed.isEmpty()) {
            return Finding.skipped("check.skipped.noSod");
        }
        SodData sod = parsed.get();
        MessageDigest digest;
        try {
            digest = Crypto.digest(sod.digestAlgorithmOid());
        } catch (NoSuchAlgorithmException e) {
            return Finding.indeterminate(SubIndication.ALGORITHM_REJECTED, "dg.hashes.unknownAlgorithm",
                    sod.digestAlgorithmOid());
        }
        Set<Integer> matched = new TreeSet<>();
        Set<Integer> mismatched = new TreeSet<>();
        for (int number : context.dataGroupsRead()) {
            Optional<byte[]> expected = sod.hashOf(number);
            if (expected.isEmpty()) {
                continue;
            }
            byte[] actual = digest.digest(context.rawFile(ChipEvidence.dataGroup(number)));
            if (MessageDigest.isEqual(actual, expected.get())) {
                matched.add(number);
                context.hashMatched(number);
            } else {
                mismatched.add(number);
            }
        }
        String algorithm = Crypto.digestName(sod.digestAlgorithmOid()).orElse(sod.digestAlgorithmOid());
        if (!mismatched.isEmpty()) {
            return Finding.failed(SubIndication.HASH_FAILURE, "dg.hashes.mismatch",
                    VerificationContext.dataGroupList(mismatched), algorithm);
        }
        if (matched.isEmpty()) {
            return Finding.indeterminate(SubIndication.DATA_GROUP_NOT_READ, "dg.hashes.noneRead");
        }
        return Finding.passed("dg.hashes.ok", VerificationContext.dataGroupList(matched), algorithm);
    }
}
