package org.opencem.core.customer;

import static org.opencem.core.store.schema.Tables.CUSTOMER_MERGE;
import static org.opencem.core.store.schema.Tables.INTERACTION;
import static org.opencem.core.store.schema.Tables.RESPONSE;
import static org.opencem.core.store.schema.Tables.RESPONSE_ANSWER;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * A customer's timeline, newest first: its interactions, its responses with their answers, and the merges that
 * formed it (a merge shows on the survivor's timeline, including merges into customers it absorbed since).
 *
 * <p>Paging. The three kinds live in three tables. The order is total: time, then kind (merge, response,
 * interaction at equal times), then the row's key in its table. Each table is read with the cursor's condition
 * and {@code limit + 1} rows in that order, and the three lists are merged here; the first {@code limit} items
 * of the merge are the page and a {@code limit + 1}-th anywhere means there is a next page.
 */
public final class Timeline {

    private static final String CURSOR_KIND = "timeline";

    private Timeline() {
    }

    /** The kinds, in their order at equal times (a higher one comes first, newest first). */
    enum Kind {
        INTERACTION, RESPONSE, MERGE
    }

    /**
     * A place in the timeline's order.
     *
     * @param at the item's time
     * @param kind its kind
     * @param key its row key in its table: the interaction's or merge's row number, the response's id
     */
    record Position(Instant at, Kind kind, String key) {

        /** @param cursor a client's cursor @return its position @throws org.opencem.core.http.ProblemException 400 naming {@code cursor} */
        static Position decode(String cursor) {
            Cursor decoded = Cursor.decode(CURSOR_KIND, cursor, 3);
            Kind kind = decoded.constant(1, Kind.values());
            String key = kind == Kind.RESPONSE ? decoded.uuid(2).toString() : Long.toString(decoded.number(2));
            return new Position(decoded.instant(0), kind, key);
        }

        String encode() {
            return Cursor.encode(CURSOR_KIND, at, kind.ordinal(), key);
        }
    }

    /** An interaction on the timeline. */
    @JsonPropertyOrder({"kind", "at", "id", "type", "channel", "touchpoint", "value", "properties"})
    public record InteractionItem(Instant at, String id, String type, String channel, String touchpoint, Money value,
                                  @JsonRawValue String properties) {

        @JsonProperty
        public String kind() {
            return "interaction";
        }
    }

    /** A response on the timeline; answers map question ids to a score, a text, or null (text erased). */
    @JsonPropertyOrder({"kind", "at", "id", "surveyId", "channel", "touchpoint", "answers"})
    public record ResponseItem(Instant at, String id, UUID surveyId, String channel, String touchpoint,
                               Map<String, Object> answers) {

        @JsonProperty
        public String kind() {
            return "response";
        }
    }

    /** A merge on the timeline: {@code mergedId} was merged into {@code survivorId}. */
    @JsonPropertyOrder({"kind", "at", "mergedId", "survivorId", "reason"})
    public record MergeItem(Instant at, UUID mergedId, UUID survivorId, String reason) {

        @JsonProperty
        public String kind() {
            return "merge";
        }
    }

    private record Entry(Position position, Object item) {
    }

    /**
     * @param dsl a context
     * @param survivor a live customer id
     * @param limit the page size
     * @param after the position of the previous page's last item, if any
     * @return one page, newest first
     */
    public static Page<Object> read(DSLContext dsl, UUID survivor, int limit, Optional<Position> after) {
        List<Entry> entries = new ArrayList<>(interactions(dsl, survivor, limit + 1, after));
        entries.addAll(responses(dsl, survivor, limit + 1, after));
        entries.addAll(merges(dsl, survivor, limit + 1, after));
        // Stable: items of one time and kind come from one table and keep its key order.
        entries.sort(Comparator.comparing((Entry e) -> e.position().at()).thenComparing(e -> e.position().kind()).reversed());
        boolean more = entries.size() > limit;
        List<Entry> page = more ? entries.subList(0, limit) : entries;
        String next = more ? page.get(page.size() - 1).position().encode() : null;
        return new Page<>(page.stream().map(Entry::item).toList(), next);
    }

    private static List<Entry> interactions(DSLContext dsl, UUID survivor, int count, Optional<Position> after) {
        return dsl.selectFrom(INTERACTION)
                .where(INTERACTION.CUSTOMER_ID.eq(survivor),
                        after(after, Kind.INTERACTION, INTERACTION.OCCURRED_AT, INTERACTION.ID, Long::valueOf))
                .orderBy(INTERACTION.OCCURRED_AT.desc(), INTERACTION.ID.desc())
                .limit(count)
                .fetch(r -> new Entry(new Position(r.getOccurredAt(), Kind.INTERACTION, r.getId().toString()),
                        new InteractionItem(r.getOccurredAt(), r.getEventId(), r.getEventType(), r.getChannel(),
                                r.getTouchpointKey(), Money.of(r.getAmount(), r.getCurrency()), r.getProperties())));
    }

    private static List<Entry> responses(DSLContext dsl, UUID survivor, int count, Optional<Position> after) {
        var rows = dsl.selectFrom(RESPONSE)
                .where(RESPONSE.CUSTOMER_ID.eq(survivor), after(after, Kind.RESPONSE, RESPONSE.OCCURRED_AT, RESPONSE.ID, UUID::fromString))
                .orderBy(RESPONSE.OCCURRED_AT.desc(), RESPONSE.ID.desc())
                .limit(count)
                .fetch();
        Map<UUID, Map<String, Object>> answers = answers(dsl, rows.map(r -> r.getId()));
        return rows.map(r -> new Entry(new Position(r.getOccurredAt(), Kind.RESPONSE, r.getId().toString()),
                new ResponseItem(r.getOccurredAt(), r.getResponseKey(), r.getSurveyId(), r.getChannel(), r.getTouchpointKey(),
                        answers.getOrDefault(r.getId(), Map.of()))));
    }

    /** Answers of the responses, each by question id: its score, else its text (null once erased). */
    private static Map<UUID, Map<String, Object>> answers(DSLContext dsl, List<UUID> responses) {
        Map<UUID, Map<String, Object>> answers = new HashMap<>();
        if (responses.isEmpty()) {
            return answers;
        }
        dsl.selectFrom(RESPONSE_ANSWER)
                .where(RESPONSE_ANSWER.RESPONSE_ID.in(responses))
                .orderBy(RESPONSE_ANSWER.RESPONSE_ID, RESPONSE_ANSWER.QUESTION_ID)
                .forEach(a -> answers.computeIfAbsent(a.getResponseId(), id -> new LinkedHashMap<>())
                        .put(a.getQuestionId(), a.getScore() != null ? a.getScore() : a.getTextValue()));
        return answers;
    }

    private static List<Entry> merges(DSLContext dsl, UUID survivor, int count, Optional<Position> after) {
        List<UUID> survivors = new ArrayList<>(MergedCustomers.into(dsl, survivor));
        survivors.add(survivor);
        return dsl.selectFrom(CUSTOMER_MERGE)
                .where(CUSTOMER_MERGE.SURVIVOR_ID.in(survivors),
                        after(after, Kind.MERGE, CUSTOMER_MERGE.MERGED_AT, CUSTOMER_MERGE.ID, Long::valueOf))
                .orderBy(CUSTOMER_MERGE.MERGED_AT.desc(), CUSTOMER_MERGE.ID.desc())
                .limit(count)
                .fetch(r -> new Entry(new Position(r.getMergedAt(), Kind.MERGE, r.getId().toString()),
                        new MergeItem(r.getMergedAt(), r.getMergedId(), r.getSurvivorId(), r.getReason())));
    }

    /**
     * The rows of one table that come after the position, newest first: at an earlier time, or at the same time
     * when their kind comes later at equal times, or, for the position's own kind, with a smaller key.
     */
    private static <K> Condition after(Optional<Position> position, Kind source, Field<Instant> at, Field<K> key,
                                       Function<String, K> parseKey) {
        if (position.isEmpty()) {
            return DSL.noCondition();
        }
        Position p = position.get();
        int order = source.compareTo(p.kind());
        if (order < 0) {
            return at.le(p.at());
        }
        if (order > 0) {
            return at.lt(p.at());
        }
        return DSL.row(at, key).lt(p.at(), parseKey.apply(p.key()));
    }
}
