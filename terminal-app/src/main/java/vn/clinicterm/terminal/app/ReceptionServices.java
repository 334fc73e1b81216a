package vn.clinicterm.terminal.app;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import vn.clinicterm.card.CardReaders;
import vn.clinicterm.card.ChipReader;
import vn.clinicterm.card.verify.Verifier;
import vn.clinicterm.sync.EligibilityProvider;
import vn.clinicterm.terminal.consent.ConsentPolicy;
import vn.clinicterm.terminal.handoff.PatientLine;
import vn.clinicterm.terminal.reception.Reception;
import vn.clinicterm.terminal.storage.VisitLog;

/**
 * What the reception flow works with. Build with {@link #builder()}; the readers, the visit log and the staff user are
 * required. Nothing here is owned by the view model: whoever built it closes it.
 *
 * @param verifier empty when the trust store could not be opened: cards are read but shown as not verifiable
 * @param eligibility empty when no central service is configured: eligibility stays pending
 * @param watchExecutor runs the reader watch, which occupies its thread until closed
 * @param demoKeys demo only: the access key of the simulated card in a reader
 * @param reception the check-in flow the view model goes through: consent policy, storing the visit, and the events a
 *     hospital system follows (by default one over {@code visitLog} with {@link ConsentPolicy#privateFacility()})
 * @param patientLine the fields and separator of the line staff copy to the clipboard for a hospital system without
 *     an integration (default {@link PatientLine#standard()})
 */
public record ReceptionServices(
        CardReaders readers,
        CardReadFunction cardReader,
        Optional<Verifier> verifier,
        Optional<EligibilityProvider> eligibility,
        VisitLog visitLog,
        String staffUser,
        String terminalId,
        TaskExecutor executor,
        Executor watchExecutor,
        Duration pollInterval,
        Clock clock,
        Optional<DemoKeys> demoKeys,
        Reception reception,
        PatientLine patientLine) {

    public ReceptionServices {
        if (reception.visitLog() != visitLog) {
            throw new IllegalArgumentException("the reception must store into the same visit log");
        }
        Objects.requireNonNull(patientLine, "patientLine");
    }

    /** Demo only: the key printed on the simulated card in {@code reader}. */
    @FunctionalInterface
    public interface DemoKeys {
        Optional<String> keyFor(String reader);
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private CardReaders readers;
        private CardReadFunction cardReader;
        private Verifier verifier;
        private EligibilityProvider eligibility;
        private VisitLog visitLog;
        private String staffUser;
        private String terminalId = "terminal";
        private TaskExecutor executor;
        private Executor watchExecutor;
        private Duration pollInterval = Duration.ofMillis(250);
        private Clock clock = Clock.systemDefaultZone();
        private DemoKeys demoKeys;
        private Reception reception;
        private ConsentPolicy consentPolicy;
        private PatientLine patientLine = PatientLine.standard();

        private Builder() {}

        public Builder readers(CardReaders v) { readers = v; return this; }
        public Builder cardReader(CardReadFunction v) { cardReader = v; return this; }
        public Builder verifier(Verifier v) { verifier = v; return this; }
        public Builder eligibility(EligibilityProvider v) { eligibility = v; return this; }
        public Builder visitLog(VisitLog v) { visitLog = v; return this; }
        public Builder staffUser(String v) { staffUser = v; return this; }
        public Builder terminalId(String v) { terminalId = v; return this; }
        /** Default: a background pool. */
        public Builder executor(TaskExecutor v) { executor = v; return this; }
        /** Default: a new daemon thread. */
        public Builder watchExecutor(Executor v) { watchExecutor = v; return this; }
        public Builder pollInterval(Duration v) { pollInterval = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder demoKeys(DemoKeys v) { demoKeys = v; return this; }

        /**
         * The consent policy of the default {@link Reception} (default: {@link ConsentPolicy#privateFacility()}, which
         * refuses to read a chip without the patient's confirmed consent). Not combinable with {@link #reception}.
         */
        public Builder consentPolicy(ConsentPolicy v) { consentPolicy = v; return this; }

        /**
         * A {@link Reception} built elsewhere, e.g. one a hand-off server already listens to. It must store into
         * {@link #visitLog}. Default: one over the visit log with {@link #consentPolicy} and {@link #clock}.
         */
        public Builder reception(Reception v) { reception = v; return this; }

        /**
         * The hospital system's field order and separator for the copied patient line (configured by
         * {@code handoff.patientLine} and {@code handoff.patientLineSeparator}). Default:
         * {@link PatientLine#standard()}.
         */
        public Builder patientLine(PatientLine v) {
            patientLine = Objects.requireNonNull(v, "patientLine");
            return this;
        }

        public ReceptionServices build() {
            Objects.requireNonNull(readers, "readers");
            Objects.requireNonNull(visitLog, "visitLog");
            Objects.requireNonNull(staffUser, "staffUser");
            if (reception != null && consentPolicy != null) {
                throw new IllegalStateException("set the consent policy on the Reception, not on both");
            }
            Reception flow = reception != null ? reception : Reception.builder().visitLog(visitLog)
                    .consentPolicy(consentPolicy != null ? consentPolicy : ConsentPolicy.privateFacility())
                    .clock(clock).build();
            return new ReceptionServices(readers,
                    cardReader != null ? cardReader : CardReadFunction.of(ChipReader.builder().clock(clock).build()),
                    Optional.ofNullable(verifier), Optional.ofNullable(eligibility), visitLog, staffUser, terminalId,
                    executor != null ? executor : TaskExecutor.background("clinicterm-card"),
                    watchExecutor != null ? watchExecutor : r -> Thread.ofPlatform().daemon().name("clinicterm-readers")
                            .start(r),
                    pollInterval, clock, Optional.ofNullable(demoKeys), flow, patientLine);
        }
    }
}
