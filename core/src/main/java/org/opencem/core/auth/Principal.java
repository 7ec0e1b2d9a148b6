package org.opencem.core.auth;

import java.util.Optional;

/**
 * Who a request acts as.
 *
 * @param name the user's email, or {@code token:<name>} for an API token; used in the audit log
 * @param role what they may do
 * @param csrfToken the session's CSRF token when authenticated by session cookie; empty for API tokens
 */
public record Principal(String name, Role role, Optional<String> csrfToken) {

    /** The name the audit log uses for the server itself. */
    public static final Principal SYSTEM = new Principal("system", Role.ADMIN, Optional.empty());
}
