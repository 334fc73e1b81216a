package vn.clinicterm.terminal.selftest;

import java.util.ArrayList;
import java.util.List;
import vn.clinicterm.sync.SyncConfigException;
import vn.clinicterm.terminal.config.ConfigLayer;
import vn.clinicterm.terminal.config.ConfigProblem;
import vn.clinicterm.terminal.config.TerminalConfig;
import vn.clinicterm.terminal.sync.SyncSettings;

/**
 * Every layer of the configuration: each value checked against its key's type, and, when a central service is
 * configured, the sync keys taken together (a URL needs a facility code, pins need https, …). Names the files.
 */
final class ConfigurationCheck implements Check {

    static final String NAME = "configuration";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult run(SelfTestContext context) {
        TerminalConfig config = context.config();
        List<String> errors = new ArrayList<>(config.errors().stream().map(ConfigProblem::describe).toList());
        if (errors.isEmpty() && SyncSettings.isConfigured(config)) {
            try {
                SyncSettings.toSyncConfig(config);
            } catch (SyncConfigException e) {
                errors.add(e.getMessage());
            }
        }
        String layers = String.join("; ", config.layers().stream()
                .filter(l -> l.layer() == ConfigLayer.SYSTEM_FILE || l.layer() == ConfigLayer.TERMINAL_FILE
                        || l.keys() > 0)
                .map(TerminalConfig.Layer::describe).toList());
        List<String> warnings = config.warnings().stream().map(ConfigProblem::describe).toList();
        String warningText = warnings.isEmpty() ? "" : " — warning: " + String.join("; ", warnings);
        if (!errors.isEmpty()) {
            return CheckResult.fail(NAME, String.join("; ", errors) + " — read: " + layers + warningText);
        }
        return CheckResult.ok(NAME, layers + warningText);
    }
}
