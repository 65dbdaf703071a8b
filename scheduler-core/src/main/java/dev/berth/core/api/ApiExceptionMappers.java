package dev.berth.core.api;

import dev.berth.core.framework.AcceptRefusedException;
import dev.berth.reservations.InvalidResourceException;
import dev.berth.reservations.OperationRefusedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps errors to JSON answers with conventional status codes: 400 for invalid input (naming the
 * field), 404 for an unknown name, 409 for a refused operation or a wrong state, 503 from a standby.
 */
public class ApiExceptionMappers {
    @ServerExceptionMapper
    public Response invalid(InvalidResourceException e) {
        return json(400, new ApiError(e.getMessage(), e.field(), null));
    }

    @ServerExceptionMapper
    public Response illegal(IllegalArgumentException e) {
        return json(400, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response refused(AcceptRefusedException e) {
        return json(409, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response refused(OperationRefusedException e) {
        return json(409, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response conflict(IllegalStateException e) {
        return json(409, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response notLeader(NotLeaderException e) {
        return json(503, new ApiError(e.getMessage(), null, e.leader().orElse(null)));
    }

    @ServerExceptionMapper
    public Response unwrap(CompletionException e) {
        Throwable c = e.getCause();
        if (c instanceof InvalidResourceException i) {
            return invalid(i);
        }
        if (c instanceof IllegalArgumentException i) {
            return illegal(i);
        }
        if (c instanceof AcceptRefusedException a) {
            return refused(a);
        }
        if (c instanceof IllegalStateException i) {
            return conflict(i);
        }
        return json(500, ApiError.of(String.valueOf(c)));
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}
