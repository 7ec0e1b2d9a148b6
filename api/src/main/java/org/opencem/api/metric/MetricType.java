package org.opencem.api.metric;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencem.api.annotation.ExtensionPoint;
import org.opencem.api.customer.Interaction;
import org.opencem.api.survey.Answer;

/**
 * A metric computed from answers (NPS, CSAT, CES) or from interactions (engagement).
 *
 * <p>A metric folds each answer or interaction into <b>additive counters</b>: a fixed-length vector of
 * longs, named by {@link #counterNames()}, that merges by element-wise addition. The core stores counters
 * per metric, survey, question, channel, touchpoint and day, upserting {@code count = count + delta} in
 * the transaction that records the answer, so any range is a sum of rows and nodes never coordinate.
 * {@link #compute} turns summed counters into a value. Counters must therefore only ever be added to:
 * a fold adds non-negative deltas, and the same input always adds the same deltas.
 *
 * <p><b>Discovery</b> as for every extension: PF4J's {@code @Extension}, created through the plugin's
 * Guice injector, one instance per plugin. <b>Threading:</b> all methods are pure and may be called
 * concurrently from any thread. <b>Collisions:</b> a second plugin declaring the same {@link #id()} fails
 * to start. <b>Versions:</b> changing the counters of a released metric needs a new id, or a rebuild of
 * its rollups from the raw answers.
 */
@ExtensionPoint
public interface MetricType extends org.pf4j.ExtensionPoint {

    /** @return the stable id, kebab-case ({@code nps}) */
    String id();

    /** @return the name analysts see ("Net Promoter Score") */
    String displayName();

    /** @return the ids of the {@link org.opencem.api.survey.QuestionType}s whose answers this metric reads; empty for an interaction metric */
    Set<String> questionTypes();

    /** @return the interaction types this metric reads ({@code purchase}, {@code like}); empty for an answer metric */
    default Set<String> interactionTypes() {
        return Set.of();
    }

    /** @return the names of the counters, in vector order; their count is the vector length, fixed for this id */
    List<String> counterNames();

    /**
     * Adds one answer to the counters. Called only for answers of {@link #questionTypes()}, already valid
     * for their question type.
     *
     * @param answer the answer
     * @param counters the counters to add to
     */
    default void foldAnswer(Answer answer, Counters counters) {
    }

    /**
     * Names where one answer puts its customer on this metric (NPS: {@code promoter}, {@code passive},
     * {@code detractor}). The core keeps each customer's latest answer per metric with this category, so teams
     * can find, for example, the detractors to follow up.
     *
     * @param answer an answer of one of {@link #questionTypes()}, valid for its question type
     * @return the category, kebab-case; empty when the metric has none
     */
    default Optional<String> category(Answer answer) {
        return Optional.empty();
    }

    /**
     * Adds one interaction to the counters. Called only for interactions of {@link #interactionTypes()}.
     *
     * @param interaction the interaction
     * @param counters the counters to add to
     */
    default void foldInteraction(Interaction interaction, Counters counters) {
    }

    /**
     * Computes the metric from summed counters.
     *
     * @param counters the sum of every counter vector in the range asked for
     * @return the value, sample size and margin of error; no value when the sample is empty
     */
    MetricValue compute(Counters counters);
}
