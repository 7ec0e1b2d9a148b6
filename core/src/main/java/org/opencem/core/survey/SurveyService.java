package org.opencem.core.survey;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.core.audit.AuditLog;
import org.opencem.core.auth.Principal;
import org.opencem.core.customer.Page;
import org.opencem.core.http.Problem;
import org.opencem.core.http.ProblemException;
import org.opencem.core.store.schema.tables.records.SurveyRecord;

/**
 * Creates, versions, moves through its life and deletes surveys. Every method runs in the caller's transaction;
 * writes lock the survey row, so concurrent changes of one survey apply one after the other. Changing the questions
 * of a survey that has been activated adds a version, so every response stays readable against the questions it
 * answered; a draft's questions are edited in place.
 */
@Singleton
public final class SurveyService {

    /** A lifecycle change: {@code POST /surveys/{id}/activate|pause|close}. */
    enum Transition {
        ACTIVATE(SurveyStatus.ACTIVE, Set.of(SurveyStatus.DRAFT, SurveyStatus.PAUSED)),
        PAUSE(SurveyStatus.PAUSED, Set.of(SurveyStatus.ACTIVE)),
        CLOSE(SurveyStatus.CLOSED, Set.of(SurveyStatus.DRAFT, SurveyStatus.ACTIVE, SurveyStatus.PAUSED));

        private final SurveyStatus target;
        private final Set<SurveyStatus> from;

        Transition(SurveyStatus target, Set<SurveyStatus> from) {
            this.target = target;
            this.from = from;
        }

        String action() {
            return "survey." + name().toLowerCase(Locale.ROOT);
        }
    }

    private final SurveyCatalog catalog;
    private final QuestionTypes types;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    SurveyService(SurveyCatalog catalog, QuestionTypes types, AuditLog audit, Clock clock) {
        this.catalog = catalog;
        this.types = types;
        this.audit = audit;
        this.clock = clock;
    }

    SurveyView create(DSLContext dsl, SurveyDraft draft, Principal actor) {
        checkChannels(dsl, draft);
        UUID id = UUID.randomUUID();
        SurveyRepository.insert(dsl, id, draft, clock.instant());
        audit.record(dsl, actor, "survey.create", id.toString(), "version=1 questions=" + draft.questions().size());
        return view(dsl, id);
    }

    SurveyView get(DSLContext dsl, UUID id, Optional<Integer> version) {
        if (version.isEmpty()) {
            return view(dsl, id);
        }
        SurveyDefinition survey = catalog.version(dsl, id, version.get()).orElseThrow(() -> catalog.current(dsl, id).isPresent()
                ? ProblemException.notFound("survey " + id + " has no version " + version.get())
                : notFound(id));
        return SurveyView.of(survey, SurveyRepository.responseCounts(dsl, List.of(id)).getOrDefault(id, 0L));
    }

    Page<SurveyView> list(DSLContext dsl, Optional<SurveyStatus> status, Optional<SurveyCursor> after, int limit) {
        List<SurveyRecord> rows = SurveyRepository.page(dsl, status, after, limit + 1);
        List<SurveyRecord> page = rows.subList(0, Math.min(limit, rows.size()));
        var counts = SurveyRepository.responseCounts(dsl, page.stream().map(SurveyRecord::getId).toList());
        List<SurveyView> items = catalog.currentOf(dsl, page).stream()
                .map(survey -> SurveyView.of(survey, counts.getOrDefault(survey.id(), 0L))).toList();
        String next = rows.size() > limit
                ? new SurveyCursor(page.get(limit - 1).getCreatedAt(), page.get(limit - 1).getId()).encode() : null;
        return new Page<>(items, next);
    }

    SurveyView update(DSLContext dsl, UUID id, SurveyDraft draft, Principal actor) {
        SurveyRecord survey = SurveyRepository.lock(dsl, id).orElseThrow(() -> notFound(id));
        if (SurveyStatus.CLOSED.id().equals(survey.getStatus())) {
            throw ProblemException.conflict("survey " + id + " is closed; create a new survey instead");
        }
        checkChannels(dsl, draft);
        int version = survey.getVersion();
        List<QuestionDefinition> current = catalog.version(dsl, id, version).map(SurveyDefinition::questions).orElse(List.of());
        boolean newVersion = false;
        if (!current.equals(draft.questions())) {
            // Only a draft has never taken answers: once active, a response may be committing while this runs, so
            // changed questions always get a new version rather than replacing those that response was checked
            // against.
            newVersion = !SurveyStatus.DRAFT.id().equals(survey.getStatus());
            if (newVersion) {
                survey.setVersion(version + 1);
                SurveyRepository.insertQuestions(dsl, id, version + 1, draft.questions());
            } else {
                SurveyRepository.replaceQuestions(dsl, id, version, draft.questions());
            }
        }
        SurveyRepository.replaceSettings(dsl, survey, draft, clock.instant());
        audit.record(dsl, actor, "survey.update", id.toString(), "version=" + survey.getVersion()
                + " questions=" + draft.questions().size() + (newVersion ? " newVersion" : ""));
        return view(dsl, id);
    }

    void delete(DSLContext dsl, UUID id, Principal actor) {
        SurveyRepository.lock(dsl, id).orElseThrow(() -> notFound(id));
        if (SurveyRepository.hasResponses(dsl, id)) {
            throw ProblemException.conflict("survey " + id + " has responses: close it instead");
        }
        if (SurveyRepository.hasInvitations(dsl, id)) {
            throw ProblemException.conflict("survey " + id + " has invitations, which the fatigue rules of every survey "
                    + "read: close it instead");
        }
        SurveyRepository.delete(dsl, id);
        audit.record(dsl, actor, "survey.delete", id.toString(), "");
    }

    SurveyView transition(DSLContext dsl, UUID id, Transition transition, Principal actor) {
        SurveyRecord survey = SurveyRepository.lock(dsl, id).orElseThrow(() -> notFound(id));
        SurveyStatus status = SurveyStatus.parse(survey.getStatus()).orElseThrow();
        if (status == transition.target && status != SurveyStatus.CLOSED) {
            return view(dsl, id);
        }
        if (!transition.from.contains(status)) {
            throw ProblemException.conflict("survey " + id + " is " + status.id() + "; it cannot become "
                    + transition.target.id());
        }
        if (transition == Transition.ACTIVATE) {
            checkTypesInstalled(dsl, id);
        }
        survey.setStatus(transition.target.id());
        survey.setUpdatedAt(clock.instant());
        survey.update();
        audit.record(dsl, actor, transition.action(), id.toString(), "from=" + status.id());
        return view(dsl, id);
    }

    /** A survey whose question type's plugin is not running could take no answer to that question. */
    private void checkTypesInstalled(DSLContext dsl, UUID id) {
        for (QuestionDefinition question : catalog.current(dsl, id).orElseThrow(() -> notFound(id)).questions()) {
            if (types.find(question.type()).isEmpty()) {
                throw ProblemException.conflict("question " + question.id() + " is of type '" + question.type()
                        + "', which no running plugin provides: install or enable its plugin first");
            }
        }
    }

    private static void checkChannels(DSLContext dsl, SurveyDraft draft) {
        Set<UUID> unknown = SurveyRepository.unknownChannels(dsl, draft.channels());
        if (unknown.isEmpty()) {
            return;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < draft.channels().size(); i++) {
            if (unknown.contains(draft.channels().get(i))) {
                errors.add(new Problem.FieldError("channels[" + i + "]", "no channel instance has this id"));
            }
        }
        throw ProblemException.badRequest(errors.stream().map(e -> e.field() + " " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse(""), errors);
    }

    private SurveyView view(DSLContext dsl, UUID id) {
        SurveyDefinition survey = catalog.current(dsl, id).orElseThrow(() -> notFound(id));
        return SurveyView.of(survey, SurveyRepository.responseCounts(dsl, List.of(id)).getOrDefault(id, 0L));
    }

    private static ProblemException notFound(UUID id) {
        return ProblemException.notFound("no survey " + id);
    }
}
