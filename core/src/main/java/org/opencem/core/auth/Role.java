package org.opencem.core.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user or API token may do. */
public enum Role {
    /** Everything, users included. */
    ADMIN,
    /** Plugins, channels, API tokens, and reading data. */
    INTEGRATOR,
    /** Dashboards, responses, customers and exports. */
    ANALYST;

    /** @return the name used in JSON and the database */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @param id a role name @return the role, if it is one */
    public static Optional<Role> parse(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
    }

    /** @param other another role @return whether this role may grant the other (no escalation) */
    public boolean mayGrant(Role other) {
        return this == ADMIN || this == other;
    }
}
