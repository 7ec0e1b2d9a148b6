package org.opencem.api.survey;

import java.util.concurrent.CompletionStage;
import org.opencem.api.annotation.PublicApi;

/**
 * Records answers to surveys, from any channel. Validates them against the survey's questions, resolves
 * the customer, and updates the metric rollups in the same transaction. Asynchronous and safe to call
 * from an event loop; the stage completes after the commit.
 */
@PublicApi
public interface ResponseRecorder {

    /**
     * Records a response, or adds answers to an earlier one with the same id (a score first, a comment
     * later). Recording the same answers again changes nothing.
     *
     * @param response the response
     * @return the stored response's id
     */
    CompletionStage<String> record(SurveyResponse response);
}
