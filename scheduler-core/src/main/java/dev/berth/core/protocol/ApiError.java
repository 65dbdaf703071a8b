package dev.berth.core.protocol;

/** The JSON body of every error the API answers: what went wrong, and which field when one is to blame. */
public record ApiError(String message, String field, String leader) {
    public static ApiError of(String message) {
        return new ApiError(message, null, null);
    }
}
