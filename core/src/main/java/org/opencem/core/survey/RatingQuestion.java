package org.opencem.core.survey;

import java.util.Map;
import org.opencem.api.survey.ScaleQuestionType;

/** The core's rating question: a whole number from 1 to 5. */
final class RatingQuestion extends ScaleQuestionType {

    static final String ID = "rating";

    RatingQuestion() {
        super(ID, new Scale(1, 5), Map.of(
                "en", "How would you rate your experience?",
                "pt", "Como avalia a sua experiência?",
                "es", "¿Cómo calificaría su experiencia?",
                "fr", "Comment évalueriez-vous votre expérience ?"));
    }
}
