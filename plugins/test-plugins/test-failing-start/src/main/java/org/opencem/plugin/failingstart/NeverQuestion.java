package org.opencem.plugin.failingstart;

import jakarta.inject.Singleton;
import java.util.Map;
import org.opencem.api.survey.ScaleQuestionType;
import org.pf4j.Extension;

/** A question that must never become available, since its plugin never starts. */
@Extension
@Singleton
public final class NeverQuestion extends ScaleQuestionType {

    /** Creates the question type. */
    public NeverQuestion() {
        super("test-never", new Scale(1, 5), Map.of("en", "Never asked."));
    }
}
