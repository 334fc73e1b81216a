package vn.clinicterm.card.verify.internal;

import vn.clinicterm.card.verify.CheckId;

/**
 * One check. It reads the evidence and what earlier checks established from the context, and returns what it found;
 * it may throw on hostile input (the verifier turns that into an INDETERMINATE result), but never decides the verdict.
 */
interface Check {

    CheckId id();

    Finding run(VerificationContext context) throws Exception;
}
