package dev.berth.core.client;

import java.util.Optional;

/** The caller is known but no ACL rule allows what it asked (403); the message names principal, action and object. */
public final class ForbiddenException extends BerthApiException {
    ForbiddenException(String message, Optional<String> field, Throwable cause) {
        super(403, message, field, cause);
    }
}
