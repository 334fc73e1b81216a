package vn.clinicterm.card.verify.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import vn.clinicterm.card.verify.CheckId;
import vn.clinicterm.card.verify.SubIndication;
import vn.clinicterm.card.verify.VerificationPolicy.ValidityModel;

/**
 * Validity of the path per the policy's model.
 *
 * <ul>
 *   <li>{@link ValidityModel#AT_SIGNING_TIME}: the document signer must have been valid at the SOD's signingTime (the
 *       verification time when the SOD has none), and no CA certificate may have expired before it. A CA
 *       certificate's notBefore is not held against the signing time: CSCAs re-issue their self-signed certificate
 *       for the same key, and the store may hold only the newer one (RFC 5280 does not check a trust anchor's
 *       validity either).
 *   <li>{@link ValidityModel#NOW}: every certificate on the path must be valid at the verification time.
 * </ul>
 *
 * An expired certificate leaves the chip unproven (INDETERMINATE, EXPIRED): the signature itself is intact.
 */
final class CertificateValidityCheck implements Check {

    @Override
    public CheckId id() {
        return CheckId.CERTIFICATE_VALIDITY;
    }

    @Override
    public Finding run(VerificationContext context) {
        List<X509Certificate> path = context.path();
        if (path.isEmpty()) {
            return Finding.skipped("check.skipped.noPath");
        }
        ValidityModel model = context.policy().validityModel();
        boolean atSigning = model == ValidityModel.AT_SIGNING_TIME && context.signingTime().isPresent();
        Instant at = atSigning ? context.signingTime().get() : context.now();
        String when = atSigning ? "signingTime" : "now";
        X509Certificate dsc = path.getFirst();
        if (at.isBefore(dsc.getNotBefore().toInstant())) {
            return Finding.indeterminate(SubIndication.NOT_YET_VALID, "pki.validity.signerNotYetValid",
                    day(dsc.getNotBefore().toInstant()), day(at), when);
        }
        if (at.isAfter(dsc.getNotAfter().toInstant())) {
            return Finding.indeterminate(SubIndication.EXPIRED, "pki.validity.signerExpired",
                    day(dsc.getNotAfter().toInstant()), day(at), when);
        }
        for (X509Certificate ca : path.subList(1, path.size())) {
            if (at.isAfter(ca.getNotAfter().toInstant())) {
                return Finding.indeterminate(SubIndication.EXPIRED, "pki.validity.cscaExpired",
                        ca.getSubjectX500Principal().getName(), day(ca.getNotAfter().toInstant()), day(at), when);
            }
            if (!atSigning && at.isBefore(ca.getNotBefore().toInstant())) {
                return Finding.indeterminate(SubIndication.NOT_YET_VALID, "pki.validity.cscaNotYetValid",
                        ca.getSubjectX500Principal().getName(), day(ca.getNotBefore().toInstant()), day(at), when);
            }
        }
        return Finding.passed(atSigning ? "pki.validity.okAtSigning" : "pki.validity.okNow", day(at),
                model.name());
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
