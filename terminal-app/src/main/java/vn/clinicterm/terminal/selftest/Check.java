package vn.clinicterm.terminal.selftest;

/** One readiness check. Outcomes are results, not exceptions; an exception escaping {@link #run} counts as FAIL. */
sealed interface Check permits ConfigurationCheck, JavaFxCheck, CryptoCheck, DatabaseCheck, TrustStoreCheck,
        CardServiceCheck, CentralServiceCheck {

    String name();

    CheckResult run(SelfTestContext context) throws Exception;
}
