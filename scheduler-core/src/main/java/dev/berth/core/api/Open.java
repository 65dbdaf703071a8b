package dev.berth.core.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that needs no token: only the dashboard's login form and logout, which are where a browser
 * brings its token and drops it again. {@link AccessFilter} lets such a request through unauthenticated (the
 * Host check still applies); {@link #value} says why it may be open, so a reviewer sees each exception to
 * "every endpoint is authorized" and its reason at the endpoint itself.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Open {
    /** Why the endpoint needs no principal, e.g. "the login form: it is where a browser brings its token". */
    String value();
}
