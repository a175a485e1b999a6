package org.cbdf.platform.messaging;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;

/**
 * Stops a service's start, before any connection is tried, when its database credentials cannot be right: a password
 * whose variable is not set ({@code ${DB_PASSWORD}} with no {@code DB_PASSWORD}), which Spring Boot would bind as the
 * literal text and a server trusting local connections (the local stack's) would even accept; or a service that
 * connects as the role its migrations run as ({@code spring.flyway.user}), which owns the schema and could alter it,
 * drop it or switch off its triggers.
 */
@AutoConfiguration
public class DatabaseCredentialsAutoConfiguration {

    static final String RUNTIME_USER = "spring.datasource.username";

    static final String RUNTIME_PASSWORD = "spring.datasource.password";

    static final String OWNER_USER = "spring.flyway.user";

    static final String OWNER_PASSWORD = "spring.flyway.password";

    @Bean
    static BeanFactoryPostProcessor databaseCredentialsCheck(Environment environment) {
        return beanFactory -> check(environment);
    }

    static void check(PropertyResolver environment) {
        resolved(environment, RUNTIME_PASSWORD);
        String owner = resolved(environment, OWNER_USER);
        if (owner == null) {
            return;
        }
        resolved(environment, OWNER_PASSWORD);
        if (owner.equals(resolved(environment, RUNTIME_USER))) {
            throw new IllegalStateException("The service must not connect as " + owner + ", the role that owns its "
                    + "schema and runs its migrations (" + OWNER_USER + "): set " + RUNTIME_USER
                    + " (DB_USERNAME) to its runtime role");
        }
    }

    private static String resolved(PropertyResolver environment, String property) {
        try {
            return environment.getProperty(property);
        }
        catch (IllegalArgumentException unresolved) {
            throw new IllegalStateException("The database credentials are incomplete, " + property + " has no value: "
                    + unresolved.getMessage(), unresolved);
        }
    }
}
