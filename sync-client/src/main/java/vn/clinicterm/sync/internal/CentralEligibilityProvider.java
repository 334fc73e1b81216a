package vn.clinicterm.sync.internal;

import vn.clinicterm.sync.CentralClient;
import vn.clinicterm.sync.EligibilityProvider;
import vn.clinicterm.sync.EligibilityQuery;
import vn.clinicterm.sync.EligibilityResult;

/** Eligibility through the central service ({@code POST /v1/eligibility}), which fronts the BHXH gateway. */
public final class CentralEligibilityProvider implements EligibilityProvider {

    private final CentralClient central;

    public CentralEligibilityProvider(CentralClient central) {
        this.central = central;
    }

    @Override
    public EligibilityResult check(EligibilityQuery query) {
        return central.checkEligibility(query);
    }
}
