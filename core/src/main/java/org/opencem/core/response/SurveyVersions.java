package org.opencem.core.response;

import static org.opencem.core.store.schema.Tables.SURVEY;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.opencem.core.store.InList;
import org.opencem.core.survey.SurveyCatalog;
import org.opencem.core.survey.SurveyDefinition;
import org.opencem.core.survey.SurveyStatus;

/**
 * The survey versions response writes are checked against, cached across groups. A group reads the status,
 * current version and last change of the surveys it names in one query, in its transaction; a version's
 * definition comes from the {@link SurveyCatalog} only the first time it is needed after the survey last changed
 * or its status (every change of a survey, its questions included, moves its {@code updated_at}), instead of four
 * queries per survey and group.
 */
@Singleton
final class SurveyVersions {

    /** More cached versions than this (surveys times versions times changes) start the cache afresh. */
    private static final int MAX_CACHED = 10_000;

    private final SurveyCatalog catalog;
    private final Map<Key, SurveyDefinition> cache = new ConcurrentHashMap<>();

    /** A version of a survey as of its last change and status. */
    private record Key(UUID survey, int version, Instant changedAt, SurveyStatus status) {
    }

    /** A survey's row as a group reads it. */
    private record Row(SurveyStatus status, int version, Instant changedAt) {
    }

    @Inject
    SurveyVersions(SurveyCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @param tx the group's transaction
     * @param surveys the surveys the group names
     * @return their versions as of this transaction
     */
    Group read(DSLContext tx, Collection<UUID> surveys) {
        Map<UUID, Row> rows = new HashMap<>();
        if (!surveys.isEmpty()) {
            tx.select(SURVEY.ID, SURVEY.STATUS, SURVEY.VERSION, SURVEY.UPDATED_AT).from(SURVEY)
                    .where(InList.of(SURVEY.ID, surveys))
                    .forEach(r -> rows.put(r.value1(), new Row(SurveyStatus.parse(r.value2()).orElseThrow(), r.value3(),
                            r.value4())));
        }
        return new Group(tx, rows);
    }

    /** The surveys of one group. */
    final class Group {

        private final DSLContext tx;
        private final Map<UUID, Row> rows;

        private Group(DSLContext tx, Map<UUID, Row> rows) {
            this.tx = tx;
            this.rows = rows;
        }

        /** @param survey a survey the group named @return it with the questions of its current version, if it exists */
        Optional<SurveyDefinition> current(UUID survey) {
            return Optional.ofNullable(rows.get(survey)).map(row -> version(survey, row.version()));
        }

        /**
         * @param survey a survey the group named, existing
         * @param version one of its versions
         * @return it with that version's questions
         */
        SurveyDefinition version(UUID survey, int version) {
            Row row = rows.get(survey);
            if (cache.size() > MAX_CACHED) {
                cache.clear();
            }
            return cache.computeIfAbsent(new Key(survey, version, row.changedAt(), row.status()),
                    key -> catalog.version(tx, survey, version).orElseThrow(() ->
                            new IllegalStateException("survey " + survey + " has no version " + version)));
        }
    }
}
