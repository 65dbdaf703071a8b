package dev.berth.core.client;

import java.util.Optional;

/** Any other refusal, such as a 500 when the master failed on the request; the status tells which. */
public final class UnexpectedStatusException extends BerthApiException {
    UnexpectedStatusException(int status, String message, Optional<String> field, Throwable cause) {
        super(status, message, field, cause);
    }
}
