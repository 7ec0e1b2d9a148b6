package org.opencem.plugin.futureapi;

import jakarta.inject.Singleton;
import java.util.Map;
import org.opencem.api.survey.ScaleQuestionType;
import org.pf4j.Extension;

/** A question that must never become available, since its plugin requires a future api. */
@Extension
@Singleton
public final class FutureQuestion extends ScaleQuestionType {

    /** Creates the question type. */
    public FutureQuestion() {
        super("test-future", new Scale(1, 5), Map.of("en", "Never asked."));
    }
}
