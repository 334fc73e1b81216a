package vn.clinicterm.terminal.gui;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * A view model listener for a view: snapshots may arrive on any thread and in bursts; only the newest is rendered,
 * once, on the FX thread. After {@link #stop()} nothing more is rendered.
 */
final class ScreenUpdates<S> implements Consumer<S> {

    private final Consumer<S> render;
    private final AtomicReference<S> pending = new AtomicReference<>();
    private volatile boolean stopped;

    ScreenUpdates(Consumer<S> render) {
        this.render = render;
    }

    @Override
    public void accept(S state) {
        if (pending.getAndSet(state) == null) {
            Platform.runLater(() -> {
                S latest = pending.getAndSet(null);
                if (latest != null && !stopped) {
                    render.accept(latest);
                }
            });
        }
    }

    void stop() {
        stopped = true;
    }
}
