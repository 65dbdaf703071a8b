package dev.berth.core.client;

import java.util.Optional;

/** 400: the request itself is wrong (an option out of range, a missing package name); the field says which part, when the API names it. */
public final class InvalidRequestException extends BerthApiException {
    InvalidRequestException(String message, Optional<String> field, Throwable cause) {
        super(400, message, field, cause);
    }
}
