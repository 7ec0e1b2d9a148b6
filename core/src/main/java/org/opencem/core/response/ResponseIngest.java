package org.opencem.core.response;

import io.vertx.core.Future;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.opencem.core.ingest.GroupCommitWriter;

/**
 * Records response writes through the group-commit writer, the one path for the API and for channel plugins
 * ({@link CoreResponseRecorder}): acknowledged once committed.
 */
@Singleton
public final class ResponseIngest {

    private final GroupCommitWriter writer;
    private final ResponseTransaction responses;

    @Inject
    ResponseIngest(GroupCommitWriter writer, ResponseTransaction responses) {
        this.writer = writer;
        this.responses = responses;
    }

    /**
     * @param write a parsed write
     * @return what it did, once committed; failed with the refusal's problem (400, 404, 409) when refused, or
     *     with a 503 problem when the writer is saturated or stopping
     */
    public Future<ResponseOutcome> record(ResponseRequest write) {
        return writer.write(responses, write).compose(outcome -> outcome.refusal() == null
                ? Future.succeededFuture(outcome) : Future.failedFuture(outcome.refusal()));
    }
}
