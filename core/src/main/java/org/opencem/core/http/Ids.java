package org.opencem.core.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Reads ids from request paths. */
public final class Ids {

    private Ids() {
    }

    /**
     * @param ctx the request
     * @param param the path parameter
     * @return its value as a UUID
     * @throws ProblemException 404 when it is not one (no resource can have that id)
     */
    public static UUID uuid(RoutingContext ctx, String param) {
        String value = ctx.pathParam(param);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.notFound("no resource with id '" + value + "'");
        }
    }
}
