/**
 * Consent at the counter (issue 9 §1): the notice in Vietnamese and English ({@code ConsentMessages*.properties}),
 * the consent record staff confirm, and the {@link vn.clinicterm.terminal.consent.ConsentPolicy} that decides whether
 * a chip may be read without it. Withdrawal (an admin purge of the patient's data) is
 * {@link vn.clinicterm.terminal.storage.VisitLog#withdrawConsent}.
 */
package vn.clinicterm.terminal.consent;
