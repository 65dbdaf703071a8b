package dev.berth.core.client;

/**
 * No leading master answered: none of the URLs accepted a connection in time, or those that did are
 * standbys that named no reachable leader. The message names the URLs and the last reason, such as
 * {@code no leading master answered at http://127.0.0.1:9: connection refused (is a master running there?)}.
 */
public final class MasterUnreachableException extends RuntimeException {
    MasterUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
