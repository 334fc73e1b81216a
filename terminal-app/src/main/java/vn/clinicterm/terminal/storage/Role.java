package vn.clinicterm.terminal.storage;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a staff account may do. Duties are separated: the admin who can purge cannot export, the auditor who exports
 * cannot purge.
 */
public enum Role {
    /** Checks patients in and sees today's list. */
    RECEPTION(EnumSet.of(Permission.CHECK_IN, Permission.VIEW_TODAY)),
    /** Searches, exports and verifies the logs. */
    AUDITOR(EnumSet.of(Permission.VIEW_TODAY, Permission.SEARCH, Permission.EXPORT, Permission.VERIFY_AUDIT)),
    /** Settings, retention purge, trust store, users, backups. */
    ADMIN(EnumSet.of(Permission.VIEW_TODAY, Permission.SETTINGS, Permission.PURGE, Permission.TRUST,
            Permission.MANAGE_USERS, Permission.BACKUP, Permission.VERIFY_AUDIT));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean permits(Permission p) {
        return permissions.contains(p);
    }

    public enum Permission {
        CHECK_IN,
        VIEW_TODAY,
        SEARCH,
        EXPORT,
        VERIFY_AUDIT,
        SETTINGS,
        PURGE,
        TRUST,
        MANAGE_USERS,
        BACKUP
    }
}
