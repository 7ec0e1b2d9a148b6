package org.opencem.core.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits login attempts per client address and per account, so passwords cannot be guessed quickly from
 * one place or against one user from many.
 */
@Singleton
public final class LoginThrottle {

    private static final int MAX_KEYS = 50_000;

    private final Map<String, Bucket> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Bucket> byAccount = new ConcurrentHashMap<>();

    /**
     * @param address the client's address
     * @param account the normalized email tried
     * @return whether this attempt may proceed (30 a minute per address, 5 a minute per account)
     */
    public boolean tryAttempt(String address, String account) {
        return bucket(byAddress, address, 30).tryConsume(1) && bucket(byAccount, account, 5).tryConsume(1);
    }

    private static Bucket bucket(Map<String, Bucket> buckets, String key, int perMinute) {
        if (buckets.size() >= MAX_KEYS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
    }
}
