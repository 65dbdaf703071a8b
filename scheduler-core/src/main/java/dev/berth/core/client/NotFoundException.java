package dev.berth.core.client;

import java.util.Optional;

/** 404: no such package, service, plan, pod instance, endpoint or secret; the message lists what there is. */
public final class NotFoundException extends BerthApiException {
    NotFoundException(String message, Optional<String> field, Throwable cause) {
        super(404, message, field, cause);
    }
}
