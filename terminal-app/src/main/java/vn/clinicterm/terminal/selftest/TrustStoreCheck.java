package vn.clinicterm.terminal.selftest;

import java.io.IOException;
import java.nio.file.Path;
import vn.clinicterm.card.trust.TrustStatus;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.trust.TrustStoreCorruptedException;
import vn.clinicterm.terminal.config.TrustAnchors;

/**
 * The offline trust store in the data directory: it loads, is first provisioned from {@code trust.anchors} as the
 * counter app's start would ({@link TrustAnchors}: a preset file refused or unreadable is a FAIL naming it), holds
 * CSCAs (else no chip can be proven genuine: FAIL), and how fresh its CRLs are. Missing or stale CRLs are noted, not
 * failed: the verification policy weighs unknown revocation as a warning.
 */
final class TrustStoreCheck implements Check {

    static final String NAME = "trust-store";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(SelfTestContext context) {
        Path dir = context.directories().trustStore();
        TrustStore store;
        try {
            store = TrustStore.open(dir, context.clock());
        } catch (TrustStoreCorruptedException e) {
            return CheckResult.fail(NAME, e.getMessage() + " (clinicterm trust restore puts back the last good copy)");
        } catch (IOException e) {
            return CheckResult.fail(NAME, "cannot open the trust store in " + dir + ": " + e.getMessage());
        }
        TrustAnchors.Outcome provisioned = TrustAnchors.provision(context.config(), store);
        if (provisioned.failed()) {
            return CheckResult.fail(NAME, provisioned.describe());
        }
        TrustStatus s = store.status();
        if (s.freshness() == TrustStatus.Freshness.EMPTY || s.cscaCount() == 0) {
            return CheckResult.fail(NAME, "no CSCA in " + dir + ": no chip can be proven genuine; import a master"
                    + " list (clinicterm trust import icao-masterlist.ml)"
                    + (provisioned instanceof TrustAnchors.NotConfigured ? ", or preset trust.anchors" : ""));
        }
        String summary = s.cscaCount() + " CSCAs (" + s.linkCertificateCount() + " link) from "
                + s.countries().size() + (s.countries().size() == 1 ? " country " : " countries ") + s.countries()
                + ", " + s.crls().size() + " CRLs, " + s.freshness()
                + s.lastUpdate().map(t -> ", last import " + t).orElse("") + " in " + dir;
        return CheckResult.ok(NAME, summary + switch (s.freshness()) {
            case NO_CRLS -> "; no CRL: revocation of document signers cannot be checked (import the CRLs)";
            case STALE_CRLS -> "; a CRL is past its nextUpdate: import a newer one";
            case CURRENT, EMPTY -> "";
        } + (provisioned instanceof TrustAnchors.NotConfigured ? "" : "; " + provisioned.describe()));
    }
}
