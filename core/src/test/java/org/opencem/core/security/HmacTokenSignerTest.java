package org.opencem.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencem.core.config.ConfigLoader;
import org.opencem.core.store.Database;

class HmacTokenSignerTest {

    private static final String PURPOSE = "channel-email:score";
    private static final Map<String, String> CLAIMS = Map.of("invitation", "8d5e4c1a", "score", "9");

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));

    @TempDir
    Path dataDir;

    private Database database;
    private HmacTokenSigner signer;

    @BeforeEach
    void openStore() {
        database = open(dataDir);
        signer = new HmacTokenSigner(database, clock);
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    private static Database open(Path dir) {
        return Database.open(new ConfigLoader().load(Optional.empty(), Map.of("OPENCEM_DATA_DIR", dir.toString())));
    }

    @Test
    void signedTokenVerifiesWithItsClaims() {
        String token = signer.sign(PURPOSE, CLAIMS, Duration.ofDays(7));

        assertThat(signer.verify(PURPOSE, token)).contains(CLAIMS);
    }

    @Test
    void tokenWithoutClaimsVerifiesAsEmptyClaims() {
        String token = signer.sign(PURPOSE, Map.of(), Duration.ofMinutes(1));

        assertThat(signer.verify(PURPOSE, token)).contains(Map.of());
    }

    @Test
    void tokenIsUrlSafe() {
        String token = signer.sign(PURPOSE, Map.of("note", "a/b+c=d?&"), Duration.ofDays(1));

        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void tokenWithAlteredClaimsIsRefused() {
        String token = signer.sign(PURPOSE, CLAIMS, Duration.ofDays(7));
        String body = token.substring(0, token.indexOf('.'));
        String json = new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8);
        String forgedJson = json.replace("\"9\"", "\"0\"");
        assertThat(forgedJson).isNotEqualTo(json);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(forgedJson.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));

        assertThat(signer.verify(PURPOSE, forged)).isEmpty();
    }

    @Test
    void tokenWithAlteredSignatureIsRefused() {
        String token = signer.sign(PURPOSE, CLAIMS, Duration.ofDays(7));
        int dot = token.indexOf('.');
        byte[] mac = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        mac[0] ^= 1;
        String forged = token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);

        assertThat(signer.verify(PURPOSE, forged)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no-dot", ".only-mac", "only-body.", "!!!.###", "e30.e30"})
    void malformedTokenIsRefused(String token) {
        assertThat(signer.verify(PURPOSE, token)).isEmpty();
    }

    @Test
    void reservedClaimNamesAreRefusedRatherThanSilentlyDropped() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> signer.sign(PURPOSE, java.util.Map.of("_p", "other-purpose"), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
    }

    @Test
    void tokenForAnotherPurposeIsRefused() {
        String token = signer.sign(PURPOSE, CLAIMS, Duration.ofDays(7));

        assertThat(signer.verify("channel-email:unsubscribe", token)).isEmpty();
    }

    @Test
    void tokenIsValidUntilItsExpiryAndRefusedAfter() {
        String token = signer.sign(PURPOSE, CLAIMS, Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(10));
        assertThat(signer.verify(PURPOSE, token)).contains(CLAIMS);

        clock.advance(Duration.ofSeconds(1));
        assertThat(signer.verify(PURPOSE, token)).isEmpty();
    }

    @Test
    void signersOnTheSameStoreShareTheKey() {
        HmacTokenSigner other = new HmacTokenSigner(database, clock);

        assertThat(other.verify(PURPOSE, signer.sign(PURPOSE, CLAIMS, Duration.ofDays(1)))).contains(CLAIMS);
    }

    @Test
    void keySurvivesReopeningTheDataDir() {
        String token = signer.sign(PURPOSE, CLAIMS, Duration.ofDays(7));
        database.close();

        database = open(dataDir);
        HmacTokenSigner afterRestart = new HmacTokenSigner(database, clock);

        assertThat(afterRestart.verify(PURPOSE, token)).contains(CLAIMS);
    }

    @Test
    void tokenFromAnotherServerIsRefused(@TempDir Path otherDataDir) {
        try (Database otherDatabase = open(otherDataDir)) {
            String foreign = new HmacTokenSigner(otherDatabase, clock).sign(PURPOSE, CLAIMS, Duration.ofDays(7));

            assertThat(signer.verify(PURPOSE, foreign)).isEmpty();
        }
    }

    /** A clock tests move by hand. */
    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
