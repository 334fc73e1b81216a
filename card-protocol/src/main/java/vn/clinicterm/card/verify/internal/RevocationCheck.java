package vn.clinicterm.card.verify.internal;

import java.time.LocalDate;
import java.time.ZoneOffset;
import vn.clinicterm.card.trust.RevocationStatus;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;

/**
 * The document signer against its CSCA's latest CRL, judged at the verification time. A revoked signer is FAILED
 * whatever the revocation date: ICAO CRLs revoke document signers for compromise, after which signatures dated
 * earlier prove nothing. No CRL, or one past its nextUpdate, is "revocation unknown", weighed at the policy's
 * {@code revocation.unknown}.
 */
final class RevocationCheck implements Check {

    @Override
    public CheckId id() {
        return CheckId.REVOCATION;
    }

    @Override
    public Finding run(VerificationContext context) {
        if (context.path().isEmpty()) {
            return Finding.skipped("check.skipped.noPath");
        }
        RevocationStatus status = context.trustStore().revocationStatus(context.path().getFirst(), context.now());
        return switch (status) {
            case RevocationStatus.Good good -> Finding.passed("pki.revocation.good",
                    day(good.crlThisUpdate()), good.crlNextUpdate() == null ? "-" : day(good.crlNextUpdate()));
            case RevocationStatus.Revoked revoked -> Finding.failed(SubIndication.REVOKED, "pki.revocation.revoked",
                    day(revoked.revocationDate()), revoked.reason());
            case RevocationStatus.Unknown unknown -> Finding.indeterminateAt(
                    context.policy().revocationUnknownLevel(), SubIndication.REVOCATION_UNKNOWN,
                    switch (unknown.reason()) {
                        case NO_CRL_FOR_ISSUER -> "pki.revocation.noCrl";
                        case CRL_STALE -> "pki.revocation.staleCrl";
                        case CRL_SIGNATURE_UNVERIFIED -> "pki.revocation.unverifiedCrl";
                    });
        };
    }

    private static String day(java.time.Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
