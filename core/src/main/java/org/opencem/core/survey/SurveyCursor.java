package org.opencem.core.survey;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;
import org.opencem.core.http.ProblemException;

/**
 * The position after the last survey of a page (the list is newest first), handed to clients as an opaque
 * base64url token. A damaged token, or one of another list, is a 400 naming {@code cursor}.
 *
 * @param createdAt the last survey's creation time
 * @param id the last survey's id
 */
record SurveyCursor(Instant createdAt, UUID id) {

    private static final String KIND = "surveys|";

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((KIND + createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static SurveyCursor decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = text.split("\\|", -1);
            if (!text.startsWith(KIND) || parts.length != 3) {
                throw bad();
            }
            return new SurveyCursor(Instant.parse(parts[1]), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw bad();
        }
    }

    private static ProblemException bad() {
        return ProblemException.badField("cursor", "is not a cursor of this list: pass the 'next' of the previous page");
    }
}
