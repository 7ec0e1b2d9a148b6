package org.opencem.core.response;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.opencem.api.customer.Identity;
import org.opencem.core.customer.CustomerInput;
import org.opencem.core.http.JsonBody;
import org.opencem.core.ingest.IngestFields;

/**
 * Checks the shape of a response write, naming every bad field, and turns it into a {@link ResponseRequest}. The
 * answers' values are checked later, by the writer, against the questions of the survey version they answer.
 */
@Singleton
public final class ResponseParser {

    /** The most answers one write may carry (a survey has at most 10 questions). */
    static final int MAX_ANSWERS = 10;

    private static final Set<String> FIELDS = Set.of("id", "customer", "channel", "touchpoint", "locale", "occurredAt",
            "answers", "complete");
    /** Channels and touchpoints: never {@code *}, which rollups use for "every". */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    private static final Pattern QUESTION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final CustomerInput customerInput;
    private final Clock clock;

    @Inject
    ResponseParser(CustomerInput customerInput, Clock clock) {
        this.customerInput = customerInput;
        this.clock = clock;
    }

    /**
     * @param body the response object; bad fields are recorded as its errors
     * @param surveyId the survey answered
     * @param receivedAt when the request came, the default {@code occurredAt}
     * @return the write, or empty when a field is bad (see {@code body.errors()})
     */
    public Optional<ResponseRequest> parse(JsonBody body, UUID surveyId, Instant receivedAt) {
        body.only(FIELDS);
        String key = IngestFields.id(body);
        Optional<CustomerInput.Named> customer = customerInput.customer(body);
        List<Identity> identities = customer.map(CustomerInput.Named::identities).orElse(List.of());
        Map<String, Object> attributes = customer.map(CustomerInput.Named::attributes).orElse(Map.of());
        String channel = key(body, "channel");
        String touchpoint = key(body, "touchpoint");
        Optional<String> locale = body.optionalText("locale", 5);
        if (locale.isPresent() && !LOCALE.matcher(locale.get()).matches()) {
            body.error("locale", "must be a language code with an optional region, such as en or pt-BR");
        }
        Instant occurredAt = IngestFields.occurredAt(body, receivedAt, clock.instant());
        Map<String, Object> answers = answers(body);
        boolean complete = body.optionalBoolean("complete").orElse(false);
        if (!body.errors().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResponseRequest(key, surveyId, identities, attributes, channel, touchpoint, locale,
                occurredAt, answers, complete));
    }

    private static String key(JsonBody body, String field) {
        String value = body.requiredText(field, 100);
        if (!value.isEmpty() && !KEY.matcher(value).matches()) {
            body.error(field, "must start with a letter or digit and hold only letters, digits, '.', '_', ':' and '-'");
        }
        return value;
    }

    private static Map<String, Object> answers(JsonBody body) {
        Optional<JsonNode> sent = body.optionalNode("answers");
        if (sent.isEmpty() || !sent.get().isObject()) {
            body.error("answers", "is required: an object of question id to answer, for example {\"q1\": 9}");
            return Map.of();
        }
        Map<String, Object> answers = new LinkedHashMap<>(body.optionalObject("answers"));
        if (answers.isEmpty() || answers.size() > MAX_ANSWERS) {
            body.error("answers", "must have 1 to " + MAX_ANSWERS + " answers");
            return Map.of();
        }
        answers.forEach((question, value) -> {
            if (!QUESTION.matcher(question).matches()) {
                body.error("answers", "question ids have 1 to 64 lower-case letters, digits, '_' and '-'");
            } else if (value == null) {
                body.error("answers." + question, "must not be null: leave the question out instead");
            }
        });
        return answers;
    }
}
