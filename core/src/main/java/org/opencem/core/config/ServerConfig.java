package org.opencem.core.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The server's settings, read from {@code conf/opencem.yaml} with {@code OPENCEM_*} overrides.
 *
 * @param http HTTP listener settings
 * @param dataDir where the H2 database and plugin data live
 * @param db the database
 * @param plugins the plugin directory and upload limit
 * @param admin first-start bootstrap of the admin user and token
 * @param reportingZone the time zone days are cut in for rollups
 * @param customers the customer store's settings
 * @param imports the customer import's settings
 */
public record ServerConfig(Http http, Path dataDir, Db db, Plugins plugins, Admin admin, ZoneId reportingZone,
                           Customers customers, Imports imports) {

    /**
     * @param host interface to listen on
     * @param port TCP port; 0 picks a free one
     * @param maxBodyBytes largest JSON request body
     * @param headerTimeoutSeconds time a client has to send a request's headers
     * @param idleTimeoutSeconds idle time after which a connection is closed
     * @param secureCookies whether session cookies carry the Secure flag
     */
    public record Http(String host, int port, long maxBodyBytes, int headerTimeoutSeconds, int idleTimeoutSeconds,
                       boolean secureCookies) {
    }

    /**
     * @param url JDBC URL; empty for the H2 file database in the data dir
     * @param user database user
     * @param password database password
     * @param poolSize connection pool size
     */
    public record Db(Optional<String> url, String user, String password, int poolSize) {
    }

    /**
     * @param dir the plugins directory
     * @param maxUploadBytes largest plugin zip accepted by upload
     */
    public record Plugins(Path dir, long maxUploadBytes) {
    }

    /**
     * @param email first admin's email
     * @param password first admin's password; generated and printed once when empty
     * @param token an admin API token value to create at first start
     */
    public record Admin(Optional<String> email, Optional<String> password, Optional<String> token) {
    }

    /**
     * @param defaultPhoneRegion the ISO 3166-1 region (upper case, known to libphonenumber) that phone numbers
     *                           written without a country code belong to
     */
    public record Customers(String defaultPhoneRegion) {
    }

    /**
     * @param maxUploadBytes largest CSV file accepted by the customer import
     */
    public record Imports(long maxUploadBytes) {
    }
}
