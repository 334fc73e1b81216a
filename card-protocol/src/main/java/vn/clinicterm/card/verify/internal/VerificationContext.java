package vn.clinicterm.card.verify.internal;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.clinicterm.card.ChipEvidence;
import vn.clinicterm.card.ComData;
import vn.clinicterm.card.Dg13Data;
import vn.clinicterm.card.Dg14Data;
import vn.clinicterm.card.LdsParsers;
import vn.clinicterm.card.MrzData;
import vn.clinicterm.card.Parsed;
import vn.clinicterm.card.SodData;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.verify.VerificationPolicy;

/**
 * One verification's state: the evidence, the trust store, the policy and the time, files parsed once on demand, and
 * what earlier checks established (the SOD signature verified, which data group hashes matched, the certificate path).
 * Not thread-safe: one per verification.
 */
final class VerificationContext {

    /** DG3 (fingerprints) and DG4 (iris) are EAC-protected: a terminal without EAC never reads them. */
    static final Set<Integer> EAC_DATA_GROUPS = Set.of(3, 4);

    private final ChipEvidence evidence;
    private final TrustStore trustStore;
    private final VerificationPolicy policy;
    private final Instant now;

    private Parsed<SodData> sod;
    private Parsed<MrzData> dg1;
    private Parsed<Dg13Data> dg13;
    private Parsed<Dg14Data> dg14;
    private Parsed<PublicKey> dg15;
    private Parsed<ComData> com;

    private boolean sodSignatureVerified;
    private Optional<String> signerDigestOid = Optional.empty();
    private Optional<Instant> signingTime = Optional.empty();
    private final Set<Integer> matchingHashes = new HashSet<>();
    private List<X509Certificate> path = List.of();

    VerificationContext(ChipEvidence evidence, TrustStore trustStore, VerificationPolicy policy, Instant now) {
        this.evidence = evidence;
        this.trustStore = trustStore;
        this.policy = policy;
        this.now = now;
    }

    ChipEvidence evidence() {
        return evidence;
    }

    TrustStore trustStore() {
        return trustStore;
    }

    VerificationPolicy policy() {
        return policy;
    }

    Instant now() {
        return now;
    }

    boolean hasFile(int fid) {
        return evidence.files().containsKey(fid);
    }

    /** The raw bytes, not copied (the evidence keeps its own copy; checks never write). */
    byte[] rawFile(int fid) {
        return evidence.files().get(fid);
    }

    /** Numbers of the data groups read (files 0x0101–0x0110), ascending. */
    Set<Integer> dataGroupsRead() {
        Set<Integer> numbers = new TreeSet<>();
        for (int fid : evidence.files().keySet()) {
            if ((fid & 0xFF00) == 0x0100 && (fid & 0xFF) >= 1 && (fid & 0xFF) <= 16) {
                numbers.add(fid & 0xFF);
            }
        }
        return numbers;
    }

    /** The SOD parsed; Malformed also when it was not read. */
    Parsed<SodData> sod() {
        if (sod == null) {
            sod = hasFile(ChipEvidence.EF_SOD) ? LdsParsers.sod(rawFile(ChipEvidence.EF_SOD))
                    : new Parsed.Malformed<>("SOD", "EF.SOD was not read");
        }
        return sod;
    }

    Optional<SodData> sodIfParsed() {
        return sod().toOptional();
    }

    /** Parsed DG1, or empty when it was not read. */
    Optional<Parsed<MrzData>> dg1() {
        if (dg1 == null && hasFile(ChipEvidence.dataGroup(1))) {
            dg1 = LdsParsers.dg1(rawFile(ChipEvidence.dataGroup(1)));
        }
        return Optional.ofNullable(dg1);
    }

    Optional<Parsed<Dg13Data>> dg13() {
        if (dg13 == null && hasFile(ChipEvidence.dataGroup(13))) {
            dg13 = LdsParsers.dg13(rawFile(ChipEvidence.dataGroup(13)));
        }
        return Optional.ofNullable(dg13);
    }

    Optional<Parsed<Dg14Data>> dg14() {
        if (dg14 == null && hasFile(ChipEvidence.dataGroup(14))) {
            dg14 = LdsParsers.dg14(rawFile(ChipEvidence.dataGroup(14)));
        }
        return Optional.ofNullable(dg14);
    }

    Optional<Parsed<PublicKey>> dg15() {
        if (dg15 == null && hasFile(ChipEvidence.dataGroup(15))) {
            dg15 = LdsParsers.dg15(rawFile(ChipEvidence.dataGroup(15)));
        }
        return Optional.ofNullable(dg15);
    }

    Optional<Parsed<ComData>> com() {
        if (com == null && hasFile(ChipEvidence.EF_COM)) {
            com = LdsParsers.com(rawFile(ChipEvidence.EF_COM));
        }
        return Optional.ofNullable(com);
    }

    /** The parsed value of an optional parse, when read and well formed. */
    static <T> Optional<T> value(Optional<Parsed<T>> parsed) {
        return parsed.flatMap(Parsed::toOptional);
    }

    void sodSignatureVerified(Optional<Instant> signingTime) {
        this.sodSignatureVerified = true;
        this.signingTime = signingTime;
    }

    /** The SignerInfo's digest algorithm, once the signature check has read it. */
    Optional<String> signerDigestOid() {
        return signerDigestOid;
    }

    void signerDigestOid(String oid) {
        this.signerDigestOid = Optional.of(oid);
    }

    boolean sodSignatureVerified() {
        return sodSignatureVerified;
    }

    Optional<Instant> signingTime() {
        return signingTime;
    }

    void hashMatched(int dataGroup) {
        matchingHashes.add(dataGroup);
    }

    /** Whether the data group's bytes are vouched for: its hash matched and the SOD's signature verified. */
    boolean coveredByVerifiedSod(int dataGroup) {
        return sodSignatureVerified && matchingHashes.contains(dataGroup);
    }

    /** The document signer certificate first, then its issuers up to the trust anchor; empty until a path is found. */
    List<X509Certificate> path() {
        return path;
    }

    void path(List<X509Certificate> path) {
        this.path = List.copyOf(new ArrayList<>(path));
    }

    static String dataGroupList(Set<Integer> numbers) {
        return String.join(", ", numbers.stream().sorted().map(n -> "DG" + n).toList());
    }
}
