package dev.berth.core.api;

import dev.berth.core.access.Action;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The ACL action an endpoint needs, and the path parameter that names its object ({@code svc} for a
 * service); without one, the object is the action's kind ({@code cluster}, {@code access}). Every endpoint
 * carries this or {@link CheckedBeyond}; {@link AccessFilter} refuses one that carries neither.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Authorize {
    Action value();

    String object() default "";
}
