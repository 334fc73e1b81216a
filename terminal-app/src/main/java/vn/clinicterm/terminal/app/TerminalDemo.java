package vn.clinicterm.terminal.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import vn.clinicterm.terminal.config.AppDirectories;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.StorageException;
import vn.clinicterm.terminal.storage.User;

/**
 * The demo's screens: the {@link DemoEnvironment}'s reception counter, logged in already, plus the auditor and admin
 * screens, each acting as a demo account of its role ({@value #AUDITOR_USER}, {@value #ADMIN_USER}) so that what a
 * reviewer does there is recorded as a real auditor or admin would be. The accounts are created in the background
 * when the demo starts (with random passwords nobody needs: the demo never asks for a login).
 */
public final class TerminalDemo implements TerminalModels {

    public static final String AUDITOR_USER = "kiem.toan.demo";
    public static final String ADMIN_USER = "quan.tri.demo";
    private static final System.Logger LOG = System.getLogger(TerminalDemo.class.getName());

    private final DemoEnvironment demo;
    private final TaskExecutor executor;
    private final Clock clock = Clock.systemDefaultZone();

    private TerminalDemo(DemoEnvironment demo, TaskExecutor executor) {
        this.demo = demo;
        this.executor = executor;
    }

    /** Wraps {@code demo} and creates its auditor and admin accounts on {@code executor}. */
    public static TerminalDemo of(DemoEnvironment demo, TaskExecutor executor) {
        TerminalDemo d = new TerminalDemo(demo, executor);
        executor.execute(d::createAccounts);
        return d;
    }

    /** The demo's session: every screen, at reception. */
    public TerminalSession session() {
        return TerminalSession.demo(new User(DemoEnvironment.STAFF_USER, Role.RECEPTION), this);
    }

    private void createAccounts() {
        SecureRandom random = new SecureRandom();
        for (User u : List.of(new User(AUDITOR_USER, Role.AUDITOR), new User(ADMIN_USER, Role.ADMIN))) {
            char[] password = HexFormat.of().formatHex(random.generateSeed(12)).toCharArray();
            try {
                if (demo.visitLog().accounts().find(u.name()).isEmpty()) {
                    demo.visitLog().accounts().addUser(u.name(), u.role(), password, "setup");
                }
            } catch (StorageException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "demo account {0} not created: {1}", u.name(), e.getMessage());
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Override
    public User actor(TerminalScreen screen, User loggedIn) {
        return switch (screen) {
            case RECEPTION -> loggedIn;
            case AUDITOR -> new User(AUDITOR_USER, Role.AUDITOR);
            case ADMIN -> new User(ADMIN_USER, Role.ADMIN);
        };
    }

    @Override
    public ReceptionViewModel reception(User actor) {
        return demo.viewModel();
    }

    @Override
    public boolean sessionOwnsReception() {
        return false;
    }

    /** Exports go to {@code exports/} in the demo's temporary directory (deleted with it). */
    @Override
    public AuditorViewModel auditor(User actor) {
        Path exports = demo.home().resolve("exports");
        try {
            Files.createDirectories(exports);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + exports, e);
        }
        return new AuditorViewModel(demo.visitLog(), actor, executor, clock, exports);
    }

    /**
     * The demo's own reader, trust store and sync worker: the admin screen lists the virtual reader as the reception
     * screen sees it, imports into the store the demo's verifier uses, and "sync now" and "retry" wake the worker that
     * talks to the embedded central-sim.
     */
    @Override
    public AdminViewModel admin(User actor) {
        AppDirectories dirs = new AppDirectories(demo.home());
        return new AdminViewModel(AdminServices.builder()
                .readers(AdminServices.Readers.of(demo.readers()))
                .trustStore(demo.trustStore())
                .syncWorker(demo.sync().worker())
                .visitLog(demo.visitLog())
                .actor(actor)
                .sync(new TerminalSyncSetup.Configured(dirs.config(), demo.syncConfig()))
                .setting("consentPolicy", demo.reception().policy().required() ? "PRIVATE" : "PUBLIC")
                .setting("handoff", demo.handoffUrl())
                .setting("checkIns", "ON")
                .dataDirectory(demo.home())
                .executor(executor)
                .clock(clock)
                .build());
    }
}
