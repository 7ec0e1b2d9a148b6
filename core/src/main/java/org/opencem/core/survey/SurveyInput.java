package org.opencem.core.survey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.opencem.api.survey.QuestionType;
import org.opencem.core.http.JsonBody;

/**
 * Reads a survey body ({@code POST} and {@code PUT /api/v1/surveys}) into a {@link SurveyDraft}, naming every bad
 * field: the OpenAPI document already checks shapes, this adds the rules it cannot state (installed question
 * types, unique question ids, options only for choices, a text in the fallback locale for every question).
 * Whether the channels exist is checked against the store by {@link SurveyService}.
 */
@Singleton
final class SurveyInput {

    static final int MAX_QUESTIONS = 10;
    static final int MAX_CHANNELS = 50;
    static final int MAX_TOUCHPOINTS = 100;
    static final int MAX_QUIET_DAYS = 365;
    private static final int MAX_NAME = 200;
    private static final int MAX_TEXT = 500;
    private static final int MIN_OPTIONS = 2;
    private static final int MAX_OPTIONS = 20;
    private static final Set<String> FIELDS = Set.of("name", "defaultLocale", "questions", "channels", "touchpoints", "fatigue");
    private static final Set<String> QUESTION_FIELDS = Set.of("id", "type", "text", "options");
    private static final Set<String> FATIGUE_FIELDS = Set.of("quietDays", "samplingRate");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    private static final Pattern QUESTION_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern TOUCHPOINT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

    private final QuestionTypes types;

    @Inject
    SurveyInput(QuestionTypes types) {
        this.types = types;
    }

    /**
     * @param body the request body
     * @return the draft
     * @throws org.opencem.core.http.ProblemException 400 naming every bad field
     */
    SurveyDraft read(JsonBody body) {
        body.only(FIELDS);
        String name = body.requiredText("name", MAX_NAME);
        String defaultLocale = body.requiredText("defaultLocale", 5);
        if (!defaultLocale.isEmpty() && !LOCALE.matcher(defaultLocale).matches()) {
            body.error("defaultLocale", "must be a language code, optionally with a region (en, pt-BR)");
            defaultLocale = "";
        }
        List<QuestionDefinition> questions = questions(body, defaultLocale);
        List<UUID> channels = distinct(body, "channels", MAX_CHANNELS, "a channel id", SurveyInput::uuid);
        List<String> touchpoints = distinct(body, "touchpoints", MAX_TOUCHPOINTS,
                "a touchpoint key (letters, digits, '.', '_', ':', '-'; at most 100 characters)",
                key -> TOUCHPOINT.matcher(key).matches() ? key : null);
        Fatigue fatigue = body.optionalChild("fatigue").map(SurveyInput::fatigue).orElse(Fatigue.DEFAULT);
        body.validate();
        return new SurveyDraft(name, defaultLocale, questions, channels, touchpoints, fatigue);
    }

    private List<QuestionDefinition> questions(JsonBody body, String defaultLocale) {
        List<JsonNode> items = body.requiredArray("questions", MAX_QUESTIONS);
        List<QuestionDefinition> questions = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "questions[" + i + "]";
            if (!(items.get(i) instanceof ObjectNode item)) {
                body.error(at, "must be an object");
                continue;
            }
            JsonBody question = JsonBody.of(item, at + ".");
            Optional<QuestionDefinition> read = question(question, defaultLocale);
            question.errors().forEach(error -> body.error(error.field(), error.message()));
            if (read.isPresent()) {
                Integer first = seen.putIfAbsent(read.get().id(), i);
                if (first != null) {
                    body.error(at + ".id", "repeats the id of questions[" + first + "]");
                }
                questions.add(read.get());
            }
        }
        return questions;
    }

    private Optional<QuestionDefinition> question(JsonBody question, String defaultLocale) {
        question.only(QUESTION_FIELDS);
        String id = question.requiredText("id", 64);
        if (!id.isEmpty() && !QUESTION_ID.matcher(id).matches()) {
            question.error("id", "must be lower-case letters, digits, '_' or '-', starting with a letter or digit");
        }
        String typeId = question.requiredText("type", 64);
        Optional<QuestionType> type = typeId.isEmpty() ? Optional.empty() : types.find(typeId);
        if (!typeId.isEmpty() && type.isEmpty()) {
            question.error("type", "unknown question type '" + typeId + "'; available: " + String.join(", ", types.ids()));
        }
        Map<String, String> given = texts(question);
        List<String> options = options(question, typeId);
        if (type.isEmpty() || defaultLocale.isEmpty() || !question.errors().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> text = resolve(type.get(), given, defaultLocale);
        if (!text.containsKey(defaultLocale)) {
            question.error("text", given.isEmpty()
                    ? "is required: question type '" + typeId + "' has no wording in the default locale '" + defaultLocale + "'"
                    : "needs a text in the default locale '" + defaultLocale + "', the fallback of every other locale");
            return Optional.empty();
        }
        return Optional.of(new QuestionDefinition(id, typeId, text, options));
    }

    /** The texts sent, by locale, each 1 to 500 characters. */
    private static Map<String, String> texts(JsonBody question) {
        Optional<JsonNode> node = question.optionalNode("text");
        if (node.isEmpty()) {
            return Map.of();
        }
        if (!node.get().isObject() || node.get().isEmpty()) {
            question.error("text", "must be an object of locale to text, for example {\"en\": \"Why?\"}");
            return Map.of();
        }
        Map<String, String> texts = new TreeMap<>();
        node.get().fields().forEachRemaining(entry -> {
            String text = entry.getValue().isTextual() ? entry.getValue().asText().strip() : "";
            if (!LOCALE.matcher(entry.getKey()).matches()) {
                question.error("text", "keys must be locales (en, pt-BR)");
            } else if (text.isEmpty() || text.codePointCount(0, text.length()) > MAX_TEXT) {
                question.error("text." + entry.getKey(), "must be text of 1 to " + MAX_TEXT + " characters");
            } else {
                texts.put(entry.getKey(), text);
            }
        });
        return texts;
    }

    /** A choice's options: 2 to 20 distinct texts of 1 to 200 characters; no other type has options. */
    private static List<String> options(JsonBody question, String typeId) {
        Optional<JsonNode> node = question.optionalNode("options");
        boolean choice = ChoiceQuestion.ID.equals(typeId);
        if (node.isEmpty()) {
            if (choice) {
                question.error("options", "is required for a choice question: " + MIN_OPTIONS + " to " + MAX_OPTIONS + " options");
            }
            return List.of();
        }
        if (!choice) {
            question.error("options", "only choice questions have options");
            return List.of();
        }
        if (!node.get().isArray() || node.get().size() < MIN_OPTIONS || node.get().size() > MAX_OPTIONS) {
            question.error("options", "must be an array of " + MIN_OPTIONS + " to " + MAX_OPTIONS + " options");
            return List.of();
        }
        List<String> options = new ArrayList<>();
        for (int i = 0; i < node.get().size(); i++) {
            JsonNode option = node.get().get(i);
            String text = option.isTextual() ? option.asText().strip() : "";
            if (text.isEmpty() || text.codePointCount(0, text.length()) > ChoiceQuestion.MAX_OPTION_LENGTH) {
                question.error("options[" + i + "]", "must be text of 1 to " + ChoiceQuestion.MAX_OPTION_LENGTH + " characters");
            } else if (options.contains(text)) {
                question.error("options[" + i + "]", "repeats options[" + options.indexOf(text) + "]");
            }
            options.add(text);
        }
        return options;
    }

    /**
     * The texts a question keeps: those sent, and the type's wording in the default locale when none was sent
     * for it; all of the type's wording when no text was sent. A region locale ({@code pt-BR}) takes the
     * wording of its language ({@code pt}) when the type has none of its own.
     */
    private static Map<String, String> resolve(QuestionType type, Map<String, String> given, String defaultLocale) {
        Map<String, String> text = new LinkedHashMap<>();
        wording(type, defaultLocale).ifPresent(wording -> text.put(defaultLocale, wording));
        if (given.isEmpty()) {
            new TreeMap<>(type.defaultText()).forEach(text::putIfAbsent);
        } else {
            text.putAll(given);
        }
        return text;
    }

    private static Optional<String> wording(QuestionType type, String locale) {
        Map<String, String> wording = type.defaultText();
        return Optional.ofNullable(wording.get(locale)).or(() -> Optional.ofNullable(wording.get(locale.substring(0, 2))));
    }

    private static <T> List<T> distinct(JsonBody body, String field, int max, String what, Function<String, T> parse) {
        Optional<JsonNode> node = body.optionalNode(field);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!node.get().isArray() || node.get().size() > max) {
            body.error(field, "must be an array of at most " + max + " items");
            return List.of();
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < node.get().size(); i++) {
            JsonNode item = node.get().get(i);
            T value = item.isTextual() ? parse.apply(item.asText()) : null;
            if (value == null) {
                body.error(field + "[" + i + "]", "must be " + what);
            } else if (values.contains(value)) {
                body.error(field + "[" + i + "]", "repeats " + field + "[" + values.indexOf(value) + "]");
            } else {
                values.add(value);
            }
        }
        return values;
    }

    private static UUID uuid(String text) {
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Fatigue fatigue(JsonBody fatigue) {
        fatigue.only(FATIGUE_FIELDS);
        int quietDays = Fatigue.DEFAULT.quietDays();
        Optional<JsonNode> days = fatigue.optionalNode("quietDays");
        if (days.isPresent()) {
            if (days.get().canConvertToInt() && days.get().isIntegralNumber()
                    && days.get().intValue() >= 0 && days.get().intValue() <= MAX_QUIET_DAYS) {
                quietDays = days.get().intValue();
            } else {
                fatigue.error("quietDays", "must be a whole number of days from 0 to " + MAX_QUIET_DAYS);
            }
        }
        double samplingRate = Fatigue.DEFAULT.samplingRate();
        Optional<JsonNode> rate = fatigue.optionalNode("samplingRate");
        if (rate.isPresent()) {
            if (rate.get().isNumber() && rate.get().doubleValue() >= 0 && rate.get().doubleValue() <= 1) {
                samplingRate = rate.get().doubleValue();
            } else {
                fatigue.error("samplingRate", "must be a number from 0 to 1");
            }
        }
        return new Fatigue(quietDays, samplingRate);
    }
}
