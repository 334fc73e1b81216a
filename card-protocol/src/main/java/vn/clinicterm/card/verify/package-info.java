/**
 * Passive authentication and clone detection for saved or fresh {@link vn.clinicterm.card.ChipEvidence}, offline:
 * facts, then policy, then verdict (after EU DSS). A {@link vn.clinicterm.card.verify.Verifier} runs one small check
 * per {@link vn.clinicterm.card.verify.CheckId} against a {@link vn.clinicterm.card.trust.TrustStore}, weighs each
 * finding with the {@link vn.clinicterm.card.verify.VerificationPolicy} (data: FAIL / WARN / INFORM / IGNORE per
 * check), and returns a {@link vn.clinicterm.card.verify.VerificationReport}: PASSED, FAILED or INDETERMINATE with a
 * sub-indication, a {@link vn.clinicterm.card.verify.SimpleReport} in Vietnamese or English and a
 * {@link vn.clinicterm.card.verify.DetailedReport} for IT. A forged signature is a result, never an exception. This
 * package never touches {@code javax.smartcardio}; everything under {@code internal} is implementation.
 */
package vn.clinicterm.card.verify;
