package org.opencem.core.auth;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers recently authenticated credentials for a few seconds, so an API client sending many requests
 * does not cost a store lookup each. Keys are credential hashes; revoking a token or ending a session
 * evicts its entry at once on this node, other nodes within {@link #TTL_MILLIS}.
 */
@Singleton
public final class PrincipalCache {

    /** How long an entry is trusted. */
    public static final long TTL_MILLIS = 10_000;
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(Principal principal, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** @param credentialHash SHA-256 of a token or session id @return the principal, if fresh */
    public Optional<Principal> get(String credentialHash) {
        Entry entry = entries.get(credentialHash);
        if (entry == null || entry.expiresAt() < System.currentTimeMillis()) {
            return Optional.empty();
        }
        return Optional.of(entry.principal());
    }

    /** @param credentialHash SHA-256 of a token or session id @param principal who it authenticates */
    public void put(String credentialHash, Principal principal) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(credentialHash, new Entry(principal, System.currentTimeMillis() + TTL_MILLIS));
    }

    /** @param credentialHash SHA-256 of a revoked token or ended session */
    public void evict(String credentialHash) {
        entries.remove(credentialHash);
    }
}
