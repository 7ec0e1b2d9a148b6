package org.opencem.core.auth;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.opencem.core.audit.AuditLog;
import org.opencem.core.config.ConfigException;
import org.opencem.core.config.ServerConfig;
import org.opencem.core.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first admin at first start (no user yet): from {@code admin.email} and
 * {@code admin.password}, or with a generated password printed once; and, when {@code admin.token} is
 * set, an admin API token with that value for automation.
 */
@Singleton
public final class AdminBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    /** Shortest accepted bootstrap token. */
    public static final int MIN_TOKEN_LENGTH = 32;
    private static final String DEFAULT_EMAIL = "admin@localhost";

    private final Database database;
    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final ServerConfig.Admin settings;

    @Inject
    AdminBootstrap(Database database, UserRepository users, ApiTokenRepository tokens, PasswordHasher hasher,
                   AuditLog audit, ServerConfig config) {
        this.database = database;
        this.users = users;
        this.tokens = tokens;
        this.hasher = hasher;
        this.audit = audit;
        this.settings = config.admin();
    }

    /**
     * Checks the bootstrap settings before anything is opened or written; refuses a token shorter than
     * {@value #MIN_TOKEN_LENGTH} characters and a password shorter than 12.
     *
     * @param settings the admin settings
     */
    public static void check(ServerConfig.Admin settings) {
        settings.token().ifPresent(token -> {
            if (token.length() < MIN_TOKEN_LENGTH) {
                throw new ConfigException("admin.token (OPENCEM_ADMIN_TOKEN) must have at least " + MIN_TOKEN_LENGTH
                        + " characters");
            }
        });
        settings.password().ifPresent(password -> {
            if (password.length() < 12) {
                throw new ConfigException("admin.password (OPENCEM_ADMIN_PASSWORD) must have at least 12 characters");
            }
        });
    }

    /** Creates the first admin and token when the store has no user yet. Blocking. */
    public void run() {
        database.dsl().transaction(configuration -> {
            DSLContext dsl = configuration.dsl();
            if (users.any(dsl)) {
                return;
            }
            String email = settings.email().map(e -> e.toLowerCase(Locale.ROOT)).orElse(DEFAULT_EMAIL);
            Optional<String> given = settings.password();
            String password = given.orElseGet(() -> Secrets.random(18));
            users.create(dsl, email, hasher.hash(password), Role.ADMIN);
            audit.record(dsl, Principal.SYSTEM, "user.bootstrap", email, "role=admin");
            if (given.isEmpty()) {
                // Printed on purpose, once: the operator has no other way to learn it.
                System.out.println("First start: created admin " + email + " with the one-time password: " + password);
                System.out.println("Change it with POST /api/v1/auth/password after logging in, or set OPENCEM_ADMIN_PASSWORD before the first start.");
            } else {
                LOG.info("First start: created the admin user from admin.email and admin.password");
            }
            settings.token().ifPresent(token -> {
                tokens.create(dsl, "bootstrap", token, Role.ADMIN, "system");
                audit.record(dsl, Principal.SYSTEM, "token.bootstrap", "bootstrap", "role=admin");
                LOG.info("First start: created the admin API token 'bootstrap' from admin.token");
            });
        });
    }
}
