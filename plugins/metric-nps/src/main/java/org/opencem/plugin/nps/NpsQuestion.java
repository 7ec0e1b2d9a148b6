package org.opencem.plugin.nps;

import jakarta.inject.Singleton;
import java.util.Map;
import org.opencem.api.survey.ScaleQuestionType;
import org.pf4j.Extension;

/** The NPS question: how likely the customer is to recommend us, from 0 to 10. */
@Extension
@Singleton
public final class NpsQuestion extends ScaleQuestionType {

    /** The question type id, also read by {@link NpsMetric}. */
    public static final String ID = "nps";

    static final Scale SCALE = new Scale(0, 10);

    /** Creates the question type. */
    public NpsQuestion() {
        super(ID, SCALE, Map.of(
                "en", "How likely are you to recommend us to a friend or colleague?",
                "pt", "Qual a probabilidade de nos recomendar a um amigo ou colega?",
                "es", "¿Qué probabilidad hay de que nos recomiende a un amigo o colega?",
                "fr", "Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?"));
    }
}
