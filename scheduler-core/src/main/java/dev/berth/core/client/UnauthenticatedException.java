package dev.berth.core.client;

import java.util.Optional;

/** The master does not know the caller: no token, or one it does not know (401). */
public final class UnauthenticatedException extends BerthApiException {
    UnauthenticatedException(String message, Optional<String> field, Throwable cause) {
        super(401, message, field, cause);
    }
}
