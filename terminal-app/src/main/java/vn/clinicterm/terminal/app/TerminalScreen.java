package vn.clinicterm.terminal.app;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import vn.clinicterm.terminal.storage.Role;
import vn.clinicterm.terminal.storage.Role.Permission;

/**
 * The screens of the terminal window. Which ones a staff member sees follows from the permissions of their
 * {@link Role}, so the window never offers what the visit log and the command line refuse: reception staff see the
 * counter, auditors the auditor screen, admins the admin screen and the auditor screen, where their role lets them
 * verify exports and the audit chain but not search or export visits (duties are separated, see {@link Role}).
 */
public enum TerminalScreen {
    /** The counter: read, verify, check in. */
    RECEPTION(Permission.CHECK_IN, Set.of()),
    /** Search, export, verify exports, audit-chain status. */
    AUDITOR(Permission.SEARCH, Set.of(Permission.EXPORT, Permission.VERIFY_AUDIT)),
    /** Readers, trust store, sync, policy, users. */
    ADMIN(Permission.MANAGE_USERS, Set.of(Permission.SETTINGS, Permission.TRUST));

    private final Permission primary;
    private final Set<Permission> also;

    TerminalScreen(Permission primary, Set<Permission> also) {
        this.primary = primary;
        this.also = also;
    }

    /** Whether {@code role} may open this screen: it holds the screen's main permission or one of its others. */
    public boolean openFor(Role role) {
        return role.permits(primary) || also.stream().anyMatch(role::permits);
    }

    /** The screens {@code role} may open, in tab order. */
    public static List<TerminalScreen> allowedFor(Role role) {
        return Arrays.stream(values()).filter(s -> s.openFor(role)).toList();
    }

    /** The screen shown right after login: the one whose main permission the role holds. */
    public static TerminalScreen home(Role role) {
        return Arrays.stream(values()).filter(s -> role.permits(s.primary)).findFirst()
                .orElseGet(() -> allowedFor(role).getFirst());
    }
}
