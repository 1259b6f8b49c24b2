package io.convoc.api.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a route (on a controller method, or on the controller for all its methods). A route
 * without it is refused to everyone: every route declares its role. {@link Role#PUBLIC} opens a route to callers
 * without a token (self-registration, signed links).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Allowed {
    Role[] value();
}
