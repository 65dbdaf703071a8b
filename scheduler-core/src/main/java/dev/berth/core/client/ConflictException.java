package dev.berth.core.client;

import java.util.Optional;

/** 409: the request is well formed but refused in the present state (an operation the ledger refuses, a plan action that does not apply now). */
public final class ConflictException extends BerthApiException {
    ConflictException(String message, Optional<String> field, Throwable cause) {
        super(409, message, field, cause);
    }
}
