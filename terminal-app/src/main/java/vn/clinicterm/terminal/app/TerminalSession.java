package vn.clinicterm.terminal.app;

import java.util.List;
import java.util.Objects;
import vn.clinicterm.terminal.storage.User;

/**
 * One staff member's time at the terminal, from login to logout: who it is, which {@link TerminalScreen}s they may
 * open, and those screens' view models, made when first asked for and closed with the session.
 */
public final class TerminalSession implements AutoCloseable {

    private final User user;
    private final List<TerminalScreen> screens;
    private final TerminalScreen home;
    private final boolean demo;
    private final TerminalModels models;

    // guarded by this
    private ReceptionViewModel reception;
    private AuditorViewModel auditor;
    private AdminViewModel admin;
    private boolean closed;

    private TerminalSession(User user, List<TerminalScreen> screens, TerminalScreen home, boolean demo,
            TerminalModels models) {
        this.user = Objects.requireNonNull(user, "user");
        this.screens = List.copyOf(screens);
        this.home = home;
        this.demo = demo;
        this.models = Objects.requireNonNull(models, "models");
        if (!this.screens.contains(home)) {
            throw new IllegalArgumentException("the home screen " + home + " is not among " + screens);
        }
    }

    /** A logged-in user: the screens their role allows, starting at the one of their main duty. */
    public static TerminalSession of(User user, TerminalModels models) {
        return new TerminalSession(user, TerminalScreen.allowedFor(user.role()), TerminalScreen.home(user.role()),
                false, models);
    }

    /** The demo: every screen, each acting as the demo account of its role; starts at reception. */
    static TerminalSession demo(User receptionUser, TerminalModels models) {
        return new TerminalSession(receptionUser, List.of(TerminalScreen.values()), TerminalScreen.RECEPTION, true,
                models);
    }

    /**
     * Only the reception screen, over a view model someone else built and closes (a window opened for one view model,
     * without login).
     */
    public static TerminalSession receptionOnly(User staff, ReceptionViewModel viewModel) {
        Objects.requireNonNull(viewModel, "viewModel");
        TerminalModels fixed = new TerminalModels() {
            @Override
            public User actor(TerminalScreen screen, User loggedIn) {
                return loggedIn;
            }

            @Override
            public ReceptionViewModel reception(User actor) {
                return viewModel;
            }

            @Override
            public boolean sessionOwnsReception() {
                return false;
            }

            @Override
            public AuditorViewModel auditor(User actor) {
                throw new IllegalStateException("a reception-only session has no auditor screen");
            }

            @Override
            public AdminViewModel admin(User actor) {
                throw new IllegalStateException("a reception-only session has no admin screen");
            }
        };
        return new TerminalSession(staff, List.of(TerminalScreen.RECEPTION), TerminalScreen.RECEPTION, false, fixed);
    }

    /** Who logged in (in the demo: the reception account). */
    public User user() {
        return user;
    }

    /** Who acts on {@code screen}. */
    public User actor(TerminalScreen screen) {
        return models.actor(screen, user);
    }

    public List<TerminalScreen> screens() {
        return screens;
    }

    public TerminalScreen home() {
        return home;
    }

    public boolean isDemo() {
        return demo;
    }

    public boolean allows(TerminalScreen screen) {
        return screens.contains(screen);
    }

    public synchronized ReceptionViewModel reception() {
        require(TerminalScreen.RECEPTION);
        if (reception == null) {
            reception = models.reception(actor(TerminalScreen.RECEPTION));
        }
        return reception;
    }

    public synchronized AuditorViewModel auditor() {
        require(TerminalScreen.AUDITOR);
        if (auditor == null) {
            auditor = models.auditor(actor(TerminalScreen.AUDITOR));
        }
        return auditor;
    }

    public synchronized AdminViewModel admin() {
        require(TerminalScreen.ADMIN);
        if (admin == null) {
            admin = models.admin(actor(TerminalScreen.ADMIN));
        }
        return admin;
    }

    private void require(TerminalScreen screen) {
        if (closed) {
            throw new IllegalStateException("the session of " + user.name() + " is closed");
        }
        if (!screens.contains(screen)) {
            throw new IllegalStateException("the role " + user.role() + " may not open the " + screen + " screen");
        }
    }

    /** Logout: closes the view models this session owns. */
    @Override
    public synchronized void close() {
        closed = true;
        if (reception != null && models.sessionOwnsReception()) {
            reception.close();
        }
        reception = null;
        auditor = null;
        admin = null;
    }
}
