package org.cbdf.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The operation answers without the service's database (a key held in memory): it cannot fail with
 * {@code 503 Service temporarily unavailable} when the database is down, so its API description does not claim it
 * ({@link ApiDescription}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface AnswersWithoutStore {
}
