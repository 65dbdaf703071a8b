package dev.berth.core.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint whose caller must be authenticated and whose authorization needs what the filter cannot see
 * (a request body, the agent or framework the caller is bound to): {@link #value} says where it is checked.
 * The check itself is the {@code Authorizer}'s, as everywhere.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CheckedBeyond {
    /** Where and how, e.g. "the master: the agent's bound principal". */
    String value();
}
