package org.opencem.core.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencem.core.http.ProblemException;

class CursorTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.123456Z");

    private static String token(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void positionsSurviveTheRoundTripThroughAnOpaqueToken() {
        UUID id = UUID.randomUUID();
        CustomerSearch.Position customers = new CustomerSearch.Position(AT, id);
        Timeline.Position timeline = new Timeline.Position(AT, Timeline.Kind.RESPONSE, id.toString());

        assertThat(CustomerSearch.Position.decode(customers.encode())).isEqualTo(customers);
        assertThat(Timeline.Position.decode(timeline.encode())).isEqualTo(timeline);
        assertThat(customers.encode()).doesNotContain(id.toString()).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!", "bm90IGEgY3Vyc29y", "customers|2025-01-02T03:04:05Z", "timeline|2025-01-02T03:04:05Z|1|x",
        "timeline|2025-01-02T03:04:05Z|7|1", "timeline|yesterday|0|1", "customers|2025-01-02T03:04:05Z|not-a-uuid|x"})
    void damagedOrForeignCursorsAreA400NamingCursor(String text) {
        String token = text.startsWith("customers") || text.startsWith("timeline") ? token(text) : text;

        assertThatThrownBy(() -> CustomerSearch.Position.decode(token))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(f -> f.field()).containsExactly("cursor");
                });
        assertThatThrownBy(() -> Timeline.Position.decode(token)).isInstanceOf(ProblemException.class);
    }

    @Test
    void aListRefusesTheOtherListsCursor() {
        String timeline = new Timeline.Position(AT, Timeline.Kind.MERGE, "12").encode();

        assertThatThrownBy(() -> CustomerSearch.Position.decode(timeline)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Cursor.decode("timeline", "x".repeat(600), 3)).isInstanceOf(ProblemException.class);
    }
}
