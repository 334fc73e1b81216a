package vn.clinicterm.terminal.reception;

/** Told of every {@link ReceptionEvent}. Must be quick, must not throw, must not call back into {@link Reception}. */
@FunctionalInterface
public interface ReceptionListener {
    void onEvent(ReceptionEvent event);
}
