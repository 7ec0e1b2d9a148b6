package org.opencem.api.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.opencem.api.annotation.PublicApi;

/**
 * Signs and verifies the tokens of public links (one-click score links, widget sessions) with the
 * server's secret key. Tokens are URL-safe, carry their expiry, and are bound to a purpose so a token
 * made for one use is refused for another. Fast and safe to call on an event loop.
 */
@PublicApi
public interface TokenSigner {

    /**
     * @param purpose what the token is for, for example {@code channel-email:score}
     * @param claims short values the token carries (ids, not personal data: tokens travel in URLs)
     * @param ttl how long the token stays valid
     * @return the token
     */
    String sign(String purpose, Map<String, String> claims, Duration ttl);

    /**
     * @param purpose the purpose the token must have been signed for
     * @param token a token from {@link #sign}
     * @return its claims, or empty when it is forged, altered, expired or for another purpose
     */
    Optional<Map<String, String>> verify(String purpose, String token);
}
