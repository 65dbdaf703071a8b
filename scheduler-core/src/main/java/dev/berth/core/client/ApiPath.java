package dev.berth.core.client;

import com.google.common.escape.Escaper;
import com.google.common.net.PercentEscaper;
import java.util.Optional;

/**
 * A path of Berth's API with its query, built from fixed parts and from names (a service, a plan, a pod
 * instance...) that are percent-encoded as they are added, so a name with a space, a slash or a
 * {@code ?} addresses that name and nothing else.
 *
 * <p>Names and query values are encoded with Guava's {@link PercentEscaper} keeping only RFC 3986's
 * unreserved characters ({@code A-Z a-z 0-9 - . _ ~}); everything else becomes UTF-8 {@code %XX}, a
 * space {@code %20}, a slash {@code %2F}. Guava's {@code urlPathSegmentEscaper} is not used because it
 * leaves sub-delimiters such as {@code ;} and {@code +} as they are, and a JAX-RS server reads a
 * {@code ;} in a path as the start of matrix parameters.
 */
record ApiPath(String path, String query) {
    private static final Escaper UNRESERVED_ONLY = new PercentEscaper("-._~", false);

    /** {@code /v1/...} with fixed parts only, written in code, never from input. */
    static ApiPath v1(String... parts) {
        return new ApiPath("/v1/" + String.join("/", parts), "");
    }

    /** Adds a fixed part, such as {@code plans}. */
    ApiPath then(String part) {
        return new ApiPath(path + "/" + part, query);
    }

    /** Adds a name given by a user as one encoded path segment; {@code field} names it in an error. */
    ApiPath name(String field, String value) {
        if (value == null || value.isEmpty() || value.equals(".") || value.equals("..")) {
            // "." and ".." would be read as "this" and "the parent" path even when encoded (%2E is a dot)
            throw new IllegalArgumentException(field + ": " + (value == null ? "missing" : "'" + value + "' is not valid")
                    + "; expected a name that is not empty, '.' or '..'");
        }
        return new ApiPath(path + "/" + UNRESERVED_ONLY.escape(value), query);
    }

    /** Adds {@code key=value} to the query when there is a value. */
    ApiPath query(String key, Optional<String> value) {
        return value.map(v -> new ApiPath(path, (query.isEmpty() ? "" : query + "&") + key + "=" + UNRESERVED_ONLY.escape(v)))
                .orElse(this);
    }

    @Override
    public String toString() {
        return query.isEmpty() ? path : path + "?" + query;
    }
}
