package dev.berth.core.api;

import dev.berth.core.access.AccessDeniedException;
import dev.berth.core.framework.AcceptRefusedException;
import dev.berth.core.master.AgentUnansweredException;
import dev.berth.core.master.NoSuchTaskException;
import dev.berth.core.master.TermEndedException;
import dev.berth.core.plan.PlanActionException;
import dev.berth.core.protocol.ApiError;
import dev.berth.core.sdk.ServiceManager;
import dev.berth.core.spec.SpecException;
import dev.berth.reservations.InvalidResourceException;
import dev.berth.reservations.OperationRefusedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps errors to JSON answers with conventional status codes: 400 for invalid input (naming the
 * field), 404 for an unknown name, 409 for a refused operation or a wrong state, 503 from a standby, 504 when an
 * agent does not answer a question the master passed on.
 * Errors that come wrapped (from an asynchronous call) are unwrapped first.
 */
public class ApiExceptionMappers {
    @ServerExceptionMapper({IllegalArgumentException.class, IllegalStateException.class, NotFoundException.class,
            AcceptRefusedException.class, OperationRefusedException.class, PlanActionException.class,
            ServiceManager.NoSuchServiceException.class, NotLeaderException.class, TermEndedException.class, CompletionException.class,
            ExecutionException.class, AccessDeniedException.class, NoSuchTaskException.class,
            AgentUnansweredException.class})
    public Response map(Exception e) {
        return toResponse(e);
    }

    static Response toResponse(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof AccessDeniedException) {
            return json(403, ApiError.of(e.getMessage()));
        }
        if (e instanceof SpecException s) {
            return json(400, new ApiError(s.getMessage(), s.field(), null));
        }
        if (e instanceof InvalidResourceException i) {
            return json(400, new ApiError(i.getMessage(), i.field(), null));
        }
        if (e instanceof AcceptRefusedException || e instanceof OperationRefusedException) {
            return json(409, ApiError.of(e.getMessage()));
        }
        if (e instanceof PlanActionException p) {
            return json(p.kind() == PlanActionException.Kind.NOT_FOUND ? 404 : 409, ApiError.of(p.getMessage()));
        }
        if (e instanceof ServiceManager.NoSuchServiceException || e instanceof NotFoundException
                || e instanceof NoSuchTaskException) {
            return json(404, ApiError.of(e.getMessage()));
        }
        if (e instanceof NotLeaderException n) {
            return json(503, new ApiError(n.getMessage(), null, n.leader().orElse(null)));
        }
        if (e instanceof AgentUnansweredException) {
            return json(504, ApiError.of(e.getMessage()));
        }
        if (e instanceof TermEndedException) {
            return json(503, ApiError.of(e.getMessage()));
        }
        if (e instanceof IllegalArgumentException) {
            return json(400, ApiError.of(e.getMessage()));
        }
        if (e instanceof IllegalStateException) {
            return json(409, ApiError.of(e.getMessage()));
        }
        return json(500, ApiError.of(String.valueOf(e)));
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(error).build();
    }
}
