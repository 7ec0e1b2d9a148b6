package org.opencem.plugin.futureapi;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.opencem.api.survey.QuestionType;
import org.pf4j.Extension;

/** A free-text question that must never become available, since its plugin needs a newer api. */
@Extension
@Singleton
public final class FutureQuestion implements QuestionType {

    @Override
    public String id() {
        return "test-future";
    }

    @Override
    public Optional<Scale> scale() {
        return Optional.empty();
    }

    @Override
    public Optional<String> validate(Object value) {
        return value instanceof String ? Optional.empty() : Optional.of("must be text");
    }

    @Override
    public Map<String, String> defaultText() {
        return Map.of("en", "Asked only by a future server.");
    }
}
