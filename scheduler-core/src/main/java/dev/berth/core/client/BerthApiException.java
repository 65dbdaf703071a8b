package dev.berth.core.client;

import java.util.Optional;

/**
 * The master answered and refused the request: the HTTP status, the API's own message (what is wrong,
 * with the value and what would be accepted) and, when the API blames one field of the request, its
 * name. The subclass says which kind of refusal it is, so a caller can tell a mistake from a state.
 */
public abstract class BerthApiException extends RuntimeException {
    private final int status;
    private final Optional<String> field;

    BerthApiException(int status, String message, Optional<String> field, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.field = field;
    }

    /** The exception for an answer with this status: 400, 401, 403, 404 and 409 have their own types. */
    static BerthApiException of(int status, String message, Optional<String> field, Throwable cause) {
        return switch (status) {
            case 400 -> new InvalidRequestException(message, field, cause);
            case 401 -> new UnauthenticatedException(message, field, cause);
            case 403 -> new ForbiddenException(message, field, cause);
            case 404 -> new NotFoundException(message, field, cause);
            case 409 -> new ConflictException(message, field, cause);
            default -> new UnexpectedStatusException(status, message, field, cause);
        };
    }

    public int status() {
        return status;
    }

    /** The request field the API blames, such as {@code hello.count}; empty when it names none. */
    public Optional<String> field() {
        return field;
    }
}
