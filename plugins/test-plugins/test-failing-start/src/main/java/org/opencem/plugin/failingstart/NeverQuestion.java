package org.opencem.plugin.failingstart;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.opencem.api.survey.QuestionType;
import org.pf4j.Extension;

/** A free-text question that must never become available, since its plugin never starts. */
@Extension
@Singleton
public final class NeverQuestion implements QuestionType {

    @Override
    public String id() {
        return "test-never";
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
        return Map.of("en", "Never asked.");
    }
}
