package org.opencem.plugin.ces;

import jakarta.inject.Singleton;
import java.util.Map;
import org.opencem.api.survey.ScaleQuestionType;
import org.pf4j.Extension;

/** The CES question: how easy it was for the customer, from 1 (very difficult) to 7 (very easy). */
@Extension
@Singleton
public final class CesQuestion extends ScaleQuestionType {

    /** The question type id, also read by {@link CesMetric}. */
    public static final String ID = "ces";

    static final Scale SCALE = new Scale(1, 7);

    /** Creates the question type. */
    public CesQuestion() {
        super(ID, SCALE, Map.of(
                "en", "How easy was it to get what you needed?",
                "pt", "Quão fácil foi obter o que precisava?",
                "es", "¿Qué tan fácil fue obtener lo que necesitaba?",
                "fr", "Dans quelle mesure a-t-il été facile d'obtenir ce dont vous aviez besoin ?"));
    }
}
