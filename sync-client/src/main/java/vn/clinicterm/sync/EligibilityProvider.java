package vn.clinicterm.sync;

/**
 * Asks an insurer whether a patient is covered. Implementations: the central service (v1 API) and the BHXH gateway
 * for clinics registered directly; {@link SyncClients} picks one from {@link SyncConfig#provider()}.
 *
 * <p>Contract: {@link #check} never throws for network or server trouble and never blocks longer than the configured
 * call timeout (plus, for the gateway, one re-login). Unreachable → {@link EligibilityResult.Pending}; a reply we
 * cannot trust → {@link EligibilityResult.Error}. It is safe to call from several threads.
 */
public interface EligibilityProvider {

    EligibilityResult check(EligibilityQuery query);
}
