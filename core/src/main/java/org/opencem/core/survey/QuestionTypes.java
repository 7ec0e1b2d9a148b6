package org.opencem.core.survey;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.opencem.api.survey.QuestionType;
import org.opencem.core.plugin.ExtensionRegistry;

/**
 * The question types a survey may use: the core's ({@code rating}, {@code choice}, {@code text}) and those of the
 * running plugins ({@code nps}, {@code csat}, {@code ces}...). A plugin's type is usable only while its plugin
 * runs. The core's ids win over a plugin's. Safe from any thread.
 */
@Singleton
public final class QuestionTypes {

    /** The id of the core's free-text question, whose answers are comments. */
    public static final String TEXT = TextQuestion.ID;

    private static final List<QuestionType> CORE = List.of(new RatingQuestion(), new ChoiceQuestion(), new TextQuestion());

    private final ExtensionRegistry registry;

    @Inject
    QuestionTypes(ExtensionRegistry registry) {
        this.registry = registry;
    }

    /** @param typeId a question type id @return the type, when the core or a running plugin provides it */
    public Optional<QuestionType> find(String typeId) {
        return all().filter(type -> type.id().equals(typeId)).findFirst();
    }

    /** @return the ids of every available type, sorted */
    public List<String> ids() {
        return all().map(QuestionType::id).distinct().sorted().toList();
    }

    /**
     * Checks one answer to one question.
     *
     * @param question the question answered
     * @param value the answer as parsed from JSON
     * @return why it is refused; empty when valid
     */
    public Optional<String> validate(QuestionDefinition question, Object value) {
        Optional<QuestionType> type = find(question.type());
        if (type.isEmpty()) {
            return Optional.of("question type '" + question.type() + "' is not installed");
        }
        Optional<String> refused = type.get().validate(value);
        if (refused.isPresent() || !ChoiceQuestion.ID.equals(type.get().id())) {
            return refused;
        }
        return question.options().contains(value) ? Optional.empty()
                : Optional.of("must be one of the question's options: " + String.join(", ", question.options()));
    }

    private Stream<QuestionType> all() {
        return Stream.concat(CORE.stream(), registry.questionTypes().stream().map(ExtensionRegistry.Entry::extension));
    }
}
