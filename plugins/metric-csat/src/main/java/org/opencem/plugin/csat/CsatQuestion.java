package org.opencem.plugin.csat;

import jakarta.inject.Singleton;
import java.util.Map;
import org.opencem.api.survey.ScaleQuestionType;
import org.pf4j.Extension;

/** The CSAT question: how satisfied the customer is, from 1 (very unsatisfied) to 5 (very satisfied). */
@Extension
@Singleton
public final class CsatQuestion extends ScaleQuestionType {

    /** The question type id, also read by {@link CsatMetric}. */
    public static final String ID = "csat";

    static final Scale SCALE = new Scale(1, 5);

    /** Creates the question type. */
    public CsatQuestion() {
        super(ID, SCALE, Map.of(
                "en", "How satisfied are you with your experience?",
                "pt", "Qual o seu grau de satisfação com a sua experiência?",
                "es", "¿Qué tan satisfecho está con su experiencia?",
                "fr", "Dans quelle mesure êtes-vous satisfait de votre expérience ?"));
    }
}
