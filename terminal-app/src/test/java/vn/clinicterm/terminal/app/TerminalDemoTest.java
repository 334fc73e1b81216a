package vn.clinicterm.terminal.app;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.clinicterm.terminal.app.TerminalTestVisits.await;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.clinicterm.card.trust.TrustStatus;
import vn.clinicterm.terminal.storage.AuditVerification;
import vn.clinicterm.terminal.storage.Health;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.User;

/**
 * The demo's screens without a window: every screen open without a login, the auditor and admin screens acting as
 * demo accounts of their roles, over the demo's own visit log, reader and trust store.
 */
class TerminalDemoTest {

    private final RecordingExecutor executor = new RecordingExecutor();
    private DemoEnvironment demo;
    private TerminalSession session;

    @AfterEach
    void close() {
        if (session != null) {
            session.close();
        }
        executor.close();
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void everyScreenOpensEachAsTheDemoAccountOfItsRole() throws Exception {
        demo = DemoEnvironment.start();
        session = TerminalDemo.of(demo, executor).session();

        assertThat(session.isDemo()).isTrue();
        assertThat(session.screens()).containsExactly(TerminalScreen.values());
        assertThat(session.home()).isEqualTo(TerminalScreen.RECEPTION);
        assertThat(session.reception()).isSameAs(demo.viewModel());
        assertThat(session.actor(TerminalScreen.AUDITOR)).isEqualTo(new User(TerminalDemo.AUDITOR_USER, Role.AUDITOR));
        assertThat(session.actor(TerminalScreen.ADMIN)).isEqualTo(new User(TerminalDemo.ADMIN_USER, Role.ADMIN));
        await(() -> demo.visitLog().accounts().users().size(), n -> n == 3);

        AuditorViewModel auditor = session.auditor();
        auditor.start();
        AuditorState a = await(auditor::state, s -> s.searched() && !s.searching() && s.chain().isPresent());
        assertThat(a.chain().get()).isInstanceOf(AuditVerification.Intact.class);
        assertThat(a.permissions().export()).isTrue();

        AdminViewModel admin = session.admin();
        admin.refresh();
        AdminState s = await(admin::state, x -> !x.loading() && x.cardService().isPresent() && x.trust().isPresent());
        assertThat(s.cardService().get()).isInstanceOfSatisfying(AdminState.CardService.Running.class,
                r -> assertThat(r.readers()).extracting(vn.clinicterm.card.ReaderState::name)
                        .containsExactly(demo.readerName()));
        assertThat(s.trust().get().freshness()).isEqualTo(TrustStatus.Freshness.CURRENT);
        assertThat(s.sync()).isInstanceOf(TerminalSyncSetup.Configured.class);
        assertThat(s.users()).extracting(AdminState.UserRow::name)
                .contains(DemoEnvironment.STAFF_USER, TerminalDemo.AUDITOR_USER, TerminalDemo.ADMIN_USER);
        assertThat(s.trust().get().sources()).as("the store the demo's verifier uses")
                .isEqualTo(demo.trustStore().status().sources());
        assertThat(s.worker()).as("the demo's own sync worker").get()
                .satisfies(w -> assertThat(w.running()).isTrue());
        assertThat(s.settings()).contains(new AdminState.Setting("consentPolicy", "PRIVATE"),
                new AdminState.Setting("handoff", demo.handoffUrl()), new AdminState.Setting("checkIns", "ON"));
        admin.syncNow();
        assertThat(admin.state().message().get().kind()).isEqualTo(AdminState.Message.Kind.SYNC_WOKEN);

        demo.insert(DemoCard.GENUINE);
        assertThat(await(() -> {
            admin.refresh(); // ignored while a refresh runs
            return admin.state();
        }, x -> x.cardService().get() instanceof AdminState.CardService.Running r
                && r.readers().getFirst().cardPresent()).cardService()).as("the reader the reception screen watches")
                .isPresent();

        session.close();
        session = null;
        assertThat(demo.visitLog().health()).as("closing the demo's session leaves the demo's visit log open")
                .isInstanceOf(Health.Ok.class);
        assertThat(demo.visitLog().accounts().find(TerminalDemo.ADMIN_USER)).isPresent();
    }
}
