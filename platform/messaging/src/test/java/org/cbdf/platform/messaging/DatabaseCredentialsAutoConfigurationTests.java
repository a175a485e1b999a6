package org.cbdf.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class DatabaseCredentialsAutoConfigurationTests {

    // a variable no machine sets, standing for DB_PASSWORD as application.yml reads it
    private static final String UNSET = "${CBDF_TEST_DB_PASSWORD_NOT_SET}";

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DatabaseCredentialsAutoConfiguration.class));

    @Test
    void aPasswordWhoseVariableIsNotSetStopsTheStartAndNamesTheVariable() {
        contexts.withPropertyValues("spring.datasource.username=transfer_app", "spring.datasource.password=" + UNSET,
                "spring.flyway.user=transfer", "spring.flyway.password=owner-secret").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("CBDF_TEST_DB_PASSWORD_NOT_SET");
                    assertThat(context.getStartupFailure()).hasMessageContaining(
                            "The database credentials are incomplete, spring.datasource.password has no value");
                });
        contexts.withPropertyValues("spring.datasource.username=transfer_app", "spring.datasource.password=app-secret",
                "spring.flyway.user=transfer", "spring.flyway.password=" + UNSET).run(context -> assertThat(
                        context.getStartupFailure()).hasMessageContaining("spring.flyway.password has no value"));
    }

    @Test
    void theServiceMayNotConnectAsTheRoleThatOwnsItsSchema() {
        contexts.withPropertyValues("spring.datasource.username=transfer", "spring.datasource.password=secret",
                "spring.flyway.user=transfer", "spring.flyway.password=secret").run(context -> assertThat(
                        context.getStartupFailure()).hasMessageContaining(
                                "The service must not connect as transfer, the role that owns its schema"));
    }

    @Test
    void twoRolesWithTheirPasswordsStart() {
        contexts.withPropertyValues("spring.datasource.username=transfer_app", "spring.datasource.password=app-secret",
                "spring.flyway.user=transfer", "spring.flyway.password=owner-secret")
                .run(context -> assertThat(context).hasNotFailed());
        // a library test migrating and connecting as one role, with no owner configured, is not refused
        contexts.withPropertyValues("spring.datasource.username=postgres", "spring.datasource.password=postgres")
                .run(context -> assertThat(context).hasNotFailed());
    }
}
