package org.opencem.core.security;

import static org.opencem.core.store.schema.Tables.SERVER_SECRET;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.opencem.api.security.TokenSigner;
import org.opencem.core.auth.Secrets;
import org.opencem.core.http.Json;
import org.opencem.core.store.Database;

/**
 * HMAC-SHA256 signed tokens: {@code base64url(payload).base64url(mac)}, the payload holding the purpose,
 * the expiry and the claims. The key is generated at first start and kept in the store, so every node
 * and every restart verifies the same tokens.
 */
@Singleton
public final class HmacTokenSigner implements TokenSigner {

    private static final String KEY_NAME = "token-signing-key";
    private static final TypeReference<Map<String, String>> CLAIMS = new TypeReference<>() {
    };
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    @Inject
    HmacTokenSigner(Database database, Clock clock) {
        this.clock = clock;
        this.key = new SecretKeySpec(DECODER.decode(loadOrCreateKey(database)), "HmacSHA256");
    }

    private String loadOrCreateKey(Database database) {
        return database.dsl().transactionResult(c -> {
            c.dsl().insertInto(SERVER_SECRET)
                    .set(SERVER_SECRET.NAME, KEY_NAME)
                    .set(SERVER_SECRET.SECRET_VALUE, Secrets.random(32))
                    .set(SERVER_SECRET.CREATED_AT, clock.instant())
                    .onConflictDoNothing()
                    .execute();
            return c.dsl().select(SERVER_SECRET.SECRET_VALUE).from(SERVER_SECRET)
                    .where(SERVER_SECRET.NAME.eq(KEY_NAME)).fetchSingle(SERVER_SECRET.SECRET_VALUE);
        });
    }

    @Override
    public String sign(String purpose, Map<String, String> claims, Duration ttl) {
        if (claims.keySet().stream().anyMatch(name -> name.startsWith("_"))) {
            throw new IllegalArgumentException("claim names starting with '_' are reserved");
        }
        Map<String, String> payload = new LinkedHashMap<>(claims);
        payload.put("_p", purpose);
        payload.put("_e", Long.toString(clock.instant().plus(ttl).getEpochSecond()));
        try {
            String body = ENCODER.encodeToString(Json.MAPPER.writeValueAsBytes(payload));
            return body + "." + ENCODER.encodeToString(mac(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("claims are always writable", e);
        }
    }

    @Override
    public Optional<Map<String, String>> verify(String purpose, String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String body = token.substring(0, dot);
        try {
            if (!MessageDigest.isEqual(mac(body), DECODER.decode(token.substring(dot + 1)))) {
                return Optional.empty();
            }
            Map<String, String> payload = new LinkedHashMap<>(Json.MAPPER.readValue(DECODER.decode(body), CLAIMS));
            String signedPurpose = payload.remove("_p");
            long expiry = Long.parseLong(payload.remove("_e"));
            if (!purpose.equals(signedPurpose) || clock.instant().getEpochSecond() > expiry) {
                return Optional.empty();
            }
            return Optional.of(Map.copyOf(payload));
        } catch (IllegalArgumentException | java.io.IOException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
