package vn.clinicterm.terminal.storage;

/** A staff account. */
public record User(String name, Role role) {
    public boolean may(Role.Permission p) {
        return role.permits(p);
    }
}
