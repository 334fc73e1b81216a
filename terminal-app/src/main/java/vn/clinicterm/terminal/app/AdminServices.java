package vn.clinicterm.terminal.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.CardServiceUnavailableException;
import vn.clinicterm.card.ReaderState;
import vn.clinicterm.card.trust.TrustStore;
import vn.clinicterm.card.verify.VerificationPolicy;
import vn.clinicterm.sync.SyncWorker;
import vn.clinicterm.terminal.storage.User;
import vn.clinicterm.terminal.storage.VisitLog;

/**
 * What the admin screen works with. Build with {@link #builder()}; the readers, the visit log, the actor and the sync
 * setup are required. Nothing here is owned by the view model: whoever built it closes it.
 *
 * @param trustStore empty when the store could not be opened; {@code trustProblem} then says why
 * @param syncWorker the running worker, when sync is configured and started
 * @param policy the verification policy the reception screen applies (shown read-only)
 * @param dataDirectory where the database, keys, trust store and configuration live (shown)
 * @param counterSettings more read-only settings of this counter, shown after the sync settings (consent policy,
 *     hand-off API, check-ins); keys as {@link AdminState.Setting}
 */
public record AdminServices(
        Readers readers,
        Optional<TrustStore> trustStore,
        Optional<String> trustProblem,
        VisitLog visitLog,
        User actor,
        TerminalSyncSetup sync,
        Optional<SyncWorker> syncWorker,
        VerificationPolicy policy,
        Path dataDirectory,
        List<AdminState.Setting> counterSettings,
        TaskExecutor executor,
        Clock clock) {

    public AdminServices {
        counterSettings = List.copyOf(counterSettings);
    }

    /** The card readers to list: {@link CardReaders#list()} in the app. */
    @FunctionalInterface
    public interface Readers {
        List<ReaderState> list() throws CardServiceUnavailableException;

        static Readers of(CardReaders readers) {
            return readers::list;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private Readers readers;
        private TrustStore trustStore;
        private String trustProblem;
        private VisitLog visitLog;
        private User actor;
        private TerminalSyncSetup sync;
        private SyncWorker syncWorker;
        private VerificationPolicy policy;
        private Path dataDirectory;
        private final List<AdminState.Setting> counterSettings = new ArrayList<>();
        private TaskExecutor executor;
        private Clock clock = Clock.systemDefaultZone();

        private Builder() {}

        public Builder readers(Readers v) { readers = v; return this; }
        public Builder trustStore(TrustStore v) { trustStore = v; return this; }
        /** Why the trust store could not be opened (then there is no store). */
        public Builder trustProblem(String v) { trustProblem = v; return this; }
        public Builder visitLog(VisitLog v) { visitLog = v; return this; }
        public Builder actor(User v) { actor = v; return this; }
        public Builder sync(TerminalSyncSetup v) { sync = v; return this; }
        public Builder syncWorker(SyncWorker v) { syncWorker = v; return this; }
        /** Default: the clinic default policy. */
        public Builder policy(VerificationPolicy v) { policy = v; return this; }
        /** Default: the visit database's directory. */
        public Builder dataDirectory(Path v) { dataDirectory = v; return this; }
        /**
         * One more read-only setting: labelled {@code admin.setting.<key>}, the value shown through
         * {@code admin.value.<value>} when the bundle has it.
         */
        public Builder setting(String key, String value) {
            counterSettings.add(new AdminState.Setting(key, value));
            return this;
        }
        /** Default: a background pool. */
        public Builder executor(TaskExecutor v) { executor = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }

        public AdminServices build() {
            Objects.requireNonNull(readers, "readers");
            Objects.requireNonNull(visitLog, "visitLog");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(sync, "sync");
            return new AdminServices(readers, Optional.ofNullable(trustStore),
                    trustStore != null ? Optional.empty()
                            : Optional.of(trustProblem != null ? trustProblem : "no trust store"),
                    visitLog, actor, sync, Optional.ofNullable(syncWorker),
                    policy != null ? policy : VerificationPolicy.clinicDefault(),
                    dataDirectory != null ? dataDirectory : visitLog.database().getParent(), counterSettings,
                    executor != null ? executor : TaskExecutor.background("clinicterm-admin"),
                    Objects.requireNonNull(clock, "clock"));
        }
    }
}
