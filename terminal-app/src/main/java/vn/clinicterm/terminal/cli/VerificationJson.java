package vn.clinicterm.terminal.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.clinicterm.card.verify.CheckResult;
import vn.clinicterm.card.verify.SubIndication;
import vn.clinicterm.card.verify.VerificationReport;

/**
 * The JSON shape of a verification, shared by {@code clinicterm verify --json} and the {@code "verification"} member
 * of {@code clinicterm read --json}: {@code {"indication","subIndication","checks":[{"id","status"}]}}, where
 * subIndication is null for PASSED. No personal data.
 */
final class VerificationJson {

    private VerificationJson() {}

    /** A new, mutable map (callers may add members, e.g. a summary). */
    static Map<String, Object> toMap(VerificationReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("indication", report.indication().name());
        m.put("subIndication", report.subIndication().map(SubIndication::name).orElse(null));
        List<Object> checks = new ArrayList<>();
        for (CheckResult c : report.checks()) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("id", c.id().id());
            check.put("status", c.status().name());
            checks.add(check);
        }
        m.put("checks", checks);
        return m;
    }
}
