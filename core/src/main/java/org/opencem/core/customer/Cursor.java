package org.opencem.core.customer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opencem.core.http.ProblemException;

/**
 * A paging position handed to clients as an opaque token: a list kind and the sort key of the last item
 * returned, base64url-encoded. It names a position, not an offset, so rows inserted meanwhile neither repeat
 * nor hide items on the following pages. A token of another list, or a damaged one, is a 400 naming
 * {@code cursor}. Fields never hold personal data (times, ids, ranks).
 */
public final class Cursor {

    private static final String SEPARATOR = "|";
    private static final int MAX_TOKEN_LENGTH = 512;

    private final List<String> fields;

    private Cursor(List<String> fields) {
        this.fields = fields;
    }

    /**
     * @param kind the list the cursor belongs to ({@code customers}, {@code timeline})
     * @param fields the sort key of the last item returned; none may contain {@code |}
     * @return the token
     */
    public static String encode(String kind, Object... fields) {
        String text = Stream.concat(Stream.of(kind), Arrays.stream(fields).map(String::valueOf))
                .collect(Collectors.joining(SEPARATOR));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param kind the list the cursor must belong to
     * @param token the token a client sent
     * @param count how many fields the list's cursors have
     * @return the cursor
     * @throws ProblemException 400 naming {@code cursor} when the token is not a cursor of this list
     */
    public static Cursor decode(String kind, String token, int count) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw bad();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad();
        }
        List<String> parts = List.of(text.split("\\|", -1));
        if (parts.size() != count + 1 || !parts.get(0).equals(kind)) {
            throw bad();
        }
        return new Cursor(parts.subList(1, parts.size()));
    }

    /** @param index a field @return it as an instant @throws ProblemException 400 naming {@code cursor} */
    public Instant instant(int index) {
        try {
            return Instant.parse(fields.get(index));
        } catch (DateTimeParseException e) {
            throw bad();
        }
    }

    /** @param index a field @return it as a UUID @throws ProblemException 400 naming {@code cursor} */
    public UUID uuid(int index) {
        try {
            return UUID.fromString(fields.get(index));
        } catch (IllegalArgumentException e) {
            throw bad();
        }
    }

    /** @param index a field @return it as a whole number @throws ProblemException 400 naming {@code cursor} */
    public long number(int index) {
        try {
            return Long.parseLong(fields.get(index));
        } catch (NumberFormatException e) {
            throw bad();
        }
    }

    /**
     * @param index a field holding an ordinal
     * @param values the constants
     * @param <E> the enum
     * @return the constant
     * @throws ProblemException 400 naming {@code cursor} when out of range
     */
    public <E extends Enum<E>> E constant(int index, E[] values) {
        long ordinal = number(index);
        if (ordinal < 0 || ordinal >= values.length) {
            throw bad();
        }
        return values[(int) ordinal];
    }

    private static ProblemException bad() {
        return ProblemException.badField("cursor", "is not a cursor of this list: pass the 'next' of the previous page");
    }
}
