package org.opencem.core.response;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.opencem.api.customer.Identity;
import org.opencem.api.survey.Answer;
import org.opencem.core.analytics.AnswerFolder;
import org.opencem.core.analytics.RollupDelta;
import org.opencem.core.analytics.RollupWriter;
import org.opencem.core.customer.CustomerBatchResolver;
import org.opencem.core.customer.CustomerBatchResolver.Sighting;
import org.opencem.core.customer.CustomerRepository;
import org.opencem.core.http.Problem;
import org.opencem.core.http.ProblemException;
import org.opencem.core.ingest.GroupCommitWriter;
import org.opencem.core.ingest.Touchpoints;
import org.opencem.core.survey.QuestionDefinition;
import org.opencem.core.survey.QuestionTypes;
import org.opencem.core.survey.SurveyDefinition;
import org.opencem.core.survey.SurveyStatus;

/**
 * Responses as the {@link GroupCommitWriter} stores them, a group in one transaction: each write is checked in
 * order against the survey and against what is stored or written before it in the group (the same id again adds
 * its new answers to the response, or changes nothing), then the customers of new responses are resolved, and the
 * rows, the rollups ({@link AnswerFolder}, {@link RollupWriter}) and the customers' metric states are written.
 *
 * <p>Rules. A new response needs an active survey; its answers are checked against the survey's current version.
 * A later write to the same id is checked against the version the response started on: it must name the same
 * survey, customer (anonymous stays anonymous; identities must name the response's customer and no other),
 * channel and touchpoint, and may not give another value to an answered question (409 naming the field). A write
 * adding nothing answers unchanged, whatever the survey's status; one adding answers needs the survey active.
 * Every answer of a response counts in rollups and metric states at the response's {@code occurredAt} (its first
 * write's), as the raw answers analytics recompute them from.
 */
@Singleton
final class ResponseTransaction implements GroupCommitWriter.Kind<ResponseRequest, ResponseOutcome> {

    private final SurveyVersions surveyVersions;
    private final QuestionTypes questionTypes;
    private final ResponseRepository responses;
    private final CustomerBatchResolver resolver;
    private final CustomerRepository customers;
    private final AnswerFolder folder;
    private final RollupWriter rollups;
    private final MetricStates states;
    private final Touchpoints touchpoints;

    @Inject
    ResponseTransaction(SurveyVersions surveyVersions, QuestionTypes questionTypes, ResponseRepository responses,
                        CustomerBatchResolver resolver, CustomerRepository customers, AnswerFolder folder,
                        RollupWriter rollups, MetricStates states, Touchpoints touchpoints) {
        this.surveyVersions = surveyVersions;
        this.questionTypes = questionTypes;
        this.responses = responses;
        this.resolver = resolver;
        this.customers = customers;
        this.folder = folder;
        this.rollups = rollups;
        this.states = states;
        this.touchpoints = touchpoints;
    }

    @Override
    public String name() {
        return "responses";
    }

    @Override
    public int size(ResponseRequest write) {
        return 1;
    }

    @Override
    public String key(ResponseRequest write) {
        return write.key();
    }

    /** One write's place in the plan: the response it creates or changes, or why it was refused. */
    private record Step(ResponseDraft draft, ResponseOutcome.Result result, boolean complete, ProblemException refusal) {
    }

    @Override
    public GroupCommitWriter.Stored<ResponseOutcome> store(DSLContext tx, List<ResponseRequest> writes, Instant now) {
        Set<String> keys = new LinkedHashSet<>();
        writes.forEach(w -> keys.add(w.key()));
        Map<String, StoredResponse> stored = responses.find(tx, keys);
        Set<UUID> named = new LinkedHashSet<>();
        writes.forEach(w -> named.add(w.surveyId()));
        stored.values().forEach(r -> named.add(r.surveyId()));
        SurveyVersions.Group surveys = surveyVersions.read(tx, named);
        Map<String, ResponseDraft> drafts = new HashMap<>();
        List<Step> steps = new ArrayList<>(writes.size());
        for (ResponseRequest write : writes) {
            ResponseDraft draft = drafts.get(write.key());
            if (draft == null && stored.containsKey(write.key())) {
                StoredResponse response = stored.get(write.key());
                draft = ResponseDraft.stored(response, surveys.version(response.surveyId(), response.surveyVersion()));
                drafts.put(write.key(), draft);
            }
            Step step = draft == null ? create(write, surveys) : add(tx, draft, write, surveys);
            if (step.draft() != null) {
                drafts.put(write.key(), step.draft());
            }
            steps.add(step);
        }
        List<ResponseDraft> all = List.copyOf(new LinkedHashSet<>(drafts.values()));
        resolveCustomers(tx, all);
        write(tx, all, now);
        Set<String> keysNamed = new LinkedHashSet<>();
        all.stream().filter(ResponseDraft::fresh).forEach(d -> keysNamed.add(d.touchpoint()));
        return new GroupCommitWriter.Stored<>(steps.stream().map(ResponseTransaction::outcome).toList(),
                () -> touchpoints.committed(keysNamed));
    }

    private Step create(ResponseRequest write, SurveyVersions.Group surveys) {
        Optional<SurveyDefinition> survey = surveys.current(write.surveyId());
        if (survey.isEmpty()) {
            return refused(ProblemException.notFound("no survey with id '" + write.surveyId() + "'"));
        }
        if (survey.get().status() != SurveyStatus.ACTIVE) {
            return refused(notActive(survey.get()));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        write.answers().forEach((question, value) -> check(survey.get(), question, value).ifPresent(errors::add));
        if (!errors.isEmpty()) {
            return refused(invalid(errors));
        }
        ResponseDraft draft = ResponseDraft.fresh(write, survey.get());
        write.answers().forEach((question, value) -> draft.answer(question, AnswerValue.of(value), write.occurredAt()));
        draft.completeIf(write.complete(), write.occurredAt());
        return new Step(draft, ResponseOutcome.Result.CREATED, draft.completedAt() != null, null);
    }

    private Step add(DSLContext tx, ResponseDraft draft, ResponseRequest write, SurveyVersions.Group surveys) {
        Optional<ProblemException> conflict = conflict(tx, draft, write);
        if (conflict.isPresent()) {
            return refused(conflict.get());
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, AnswerValue> added = new LinkedHashMap<>();
        ProblemException changed = null;
        for (Map.Entry<String, Object> answer : write.answers().entrySet()) {
            String question = answer.getKey();
            AnswerValue value = AnswerValue.of(answer.getValue());
            AnswerValue before = draft.answers().get(question);
            if (before == null) {
                check(draft.survey(), question, answer.getValue()).ifPresentOrElse(errors::add,
                        () -> added.put(question, value));
            } else if (!before.equals(value) && changed == null) {
                changed = ProblemException.conflictingField("answers." + question, "was answered before with another"
                        + " value; an answer, once given, does not change");
            }
        }
        if (!errors.isEmpty()) {
            return refused(invalid(errors));
        }
        if (changed != null) {
            return refused(changed);
        }
        if (added.isEmpty() && !draft.completedBy(write.complete())) {
            return new Step(draft, ResponseOutcome.Result.UNCHANGED, draft.completedAt() != null, null);
        }
        SurveyDefinition current = surveys.current(draft.survey().id()).orElseThrow();
        if (current.status() != SurveyStatus.ACTIVE) {
            return refused(notActive(current));
        }
        added.forEach((question, value) -> draft.answer(question, value, write.occurredAt()));
        draft.completeIf(write.complete(), write.occurredAt());
        return new Step(draft, ResponseOutcome.Result.UPDATED, draft.completedAt() != null, null);
    }

    /** @return the first field of the write that names another response than the stored one */
    private Optional<ProblemException> conflict(DSLContext tx, ResponseDraft draft, ResponseRequest write) {
        if (!draft.survey().id().equals(write.surveyId())) {
            return Optional.of(ProblemException.conflictingField("id", "was used for a response to another survey;"
                    + " send a new id for a new response"));
        }
        if (!sameCustomer(tx, draft, write.identities())) {
            return Optional.of(ProblemException.conflictingField("customer", "names another customer than the"
                    + " response's first write (anonymous responses stay anonymous)"));
        }
        if (!draft.channel().equals(write.channel())) {
            return Optional.of(ProblemException.conflictingField("channel", "differs from the response's channel"));
        }
        if (!draft.touchpoint().equals(write.touchpoint())) {
            return Optional.of(ProblemException.conflictingField("touchpoint", "differs from the response's touchpoint"));
        }
        return Optional.empty();
    }

    private boolean sameCustomer(DSLContext tx, ResponseDraft draft, List<Identity> identities) {
        if (draft.fresh()) {
            return draft.identities().isEmpty() ? identities.isEmpty()
                    : identities.stream().anyMatch(draft.identities()::contains);
        }
        if (draft.customerId() == null || identities.isEmpty()) {
            return draft.customerId() == null && identities.isEmpty();
        }
        UUID customer = customers.survivorOf(tx, draft.customerId()).orElse(draft.customerId());
        Set<UUID> owners = new HashSet<>(customers.owners(tx, identities).values());
        return owners.equals(Set.of(customer));
    }

    /** Resolves the customers of the new responses (as events do) and follows stored ones to their survivors. */
    private void resolveCustomers(DSLContext tx, List<ResponseDraft> drafts) {
        List<ResponseDraft> named = drafts.stream().filter(d -> d.fresh() && !d.identities().isEmpty()).toList();
        List<UUID> owners = resolver.resolveAll(tx, named.stream()
                .map(d -> new Sighting(d.identities(), d.attributes(), d.occurredAt())).toList());
        for (int i = 0; i < named.size(); i++) {
            named.get(i).customerId(owners.get(i));
        }
        Map<UUID, UUID> survivors = new HashMap<>();
        drafts.stream().filter(d -> !d.fresh() && d.customerId() != null).forEach(d -> d.customerId(
                survivors.computeIfAbsent(d.customerId(), c -> customers.survivorOf(tx, c).orElse(c))));
    }

    private void write(DSLContext tx, List<ResponseDraft> drafts, Instant now) {
        List<ResponseDraft> fresh = drafts.stream().filter(ResponseDraft::fresh).toList();
        touchpoints.register(tx, fresh.stream().map(ResponseDraft::touchpoint).distinct().toList(), now);
        responses.insert(tx, fresh, now);
        responses.update(tx, drafts.stream().filter(d -> !d.fresh() && d.changed()).toList(), now);
        responses.insertAnswers(tx, drafts);
        List<RollupDelta> deltas = new ArrayList<>();
        List<MetricStates.State> latest = new ArrayList<>();
        for (ResponseDraft draft : drafts) {
            UUID survey = draft.survey().id();
            for (ResponseDraft.Added added : draft.added()) {
                Answer answer = new Answer(added.questionId(), added.questionType(), added.value().value());
                deltas.addAll(folder.fold(survey, draft.channel(), draft.touchpoint(), draft.occurredAt(), answer));
                if (draft.customerId() != null) {
                    latest.addAll(states.of(draft.customerId(), survey, draft.id(), answer, draft.occurredAt()));
                }
            }
        }
        rollups.add(tx, deltas);
        states.write(tx, latest);
    }

    /** @return why the value cannot answer the question of the survey version, naming {@code answers.<question>} */
    private Optional<Problem.FieldError> check(SurveyDefinition survey, String questionId, Object value) {
        String field = "answers." + questionId;
        Optional<QuestionDefinition> question = survey.question(questionId);
        if (question.isEmpty()) {
            return Optional.of(new Problem.FieldError(field, "is not a question of this survey (version "
                    + survey.version() + " asks " + String.join(", ", survey.questions().stream()
                    .map(QuestionDefinition::id).toList()) + ")"));
        }
        return questionTypes.validate(question.get(), value).map(reason -> new Problem.FieldError(field, reason));
    }

    private static ResponseOutcome outcome(Step step) {
        if (step.refusal() != null) {
            return ResponseOutcome.refused(step.refusal());
        }
        return new ResponseOutcome(step.result(), step.draft().id(), step.draft().customerId(), step.complete(), null);
    }

    private static Step refused(ProblemException refusal) {
        return new Step(null, null, false, refusal);
    }

    private static ProblemException notActive(SurveyDefinition survey) {
        return ProblemException.conflict("survey '" + survey.id() + "' is " + survey.status().id()
                + "; only an active survey takes answers");
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse("");
        return ProblemException.badRequest(detail, errors);
    }
}
