package org.cbdf.systemtests.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service's OpenAPI description passes an independent linter, Redocly's CLI with its recommended rules, without
 * an error. The descriptions are the ones the services serve at {@code /v3/api-docs}: each service's hostile-input
 * test leaves its in {@code target/openapi/<service>.json} earlier in the same build (platform/testing
 * {@code ApiDescriptions}). The CLI is pinned in {@code tools/openapi-lint/package.json} and installed by
 * {@code tools/devstack/test} ({@code npm ci --prefix tools/openapi-lint}); afterwards it runs offline.
 */
class OpenApiLintTests {

    static final Path LINT = Repository.path("tools/openapi-lint");
    static final Path REDOCLY = LINT.resolve("node_modules/.bin/redocly");

    final JsonMapper json = JsonMapper.builder().build();

    @TestFactory
    Stream<DynamicTest> everyServicesDescriptionPassesTheRecommendedRules() {
        List<Repository.ServiceModule> services = Repository.services();
        assertThat(services).as("services/<name>/<name>-service").hasSizeGreaterThanOrEqualTo(4);
        return services.stream().map(service -> DynamicTest.dynamicTest(service.directory().getFileName().toString(),
                () -> {
                    String name = service.directory().getFileName().toString();
                    Path description = service.directory().resolve("target/openapi/" + name + ".json");
                    assertThat(description).as("""
                            %s's API description: its hostile-input test writes it when it runs earlier in the same \
                            build (tools/devstack/test, or ./mvnw verify -pl %s,system-tests/deployment)""",
                            name, Repository.ROOT.relativize(service.directory())).isRegularFile();
                    Lint lint = lint(description);
                    System.out.printf("redocly lint --extends=recommended %s: %d errors, %d warnings%n", name,
                            lint.errors(), lint.warnings());
                    assertThat(lint.errorMessages()).as("Redocly's errors in %s", description).isEmpty();
                    assertThat(lint.errors()).isZero();
                }));
    }

    /** The linter does find an error where there is one: an operation without a security requirement. */
    @Test
    void theLinterFailsADescriptionWithAnError(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, """
                {"openapi": "3.1.0",
                 "info": {"title": "Broken", "version": "v1",
                          "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}},
                 "servers": [{"url": "http://127.0.0.1:8081"}],
                 "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
                 "paths": {"/api/v1/things": {"get": {"operationId": "things", "summary": "Things",
                   "responses": {"200": {"description": "The things"}, "401": {"description": "No token"}}}}}}
                """);

        Lint lint = lint(broken);

        assertThat(lint.errors()).isEqualTo(1);
        assertThat(lint.errorMessages()).singleElement().asString().startsWith("security-defined");
    }

    record Lint(int errors, int warnings, List<String> errorMessages) {
    }

    Lint lint(Path description) throws IOException, InterruptedException {
        assertThat(REDOCLY).as("Redocly's CLI: npm ci --prefix tools/openapi-lint (tools/devstack/test installs it)")
                .isExecutable();
        ProcessBuilder redocly = new ProcessBuilder(REDOCLY.toString(), "lint", "--extends=recommended",
                "--format=json", description.toString()).directory(LINT.toFile());
        // offline and quiet: no telemetry, no update check
        redocly.environment().put("REDOCLY_TELEMETRY", "off");
        redocly.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
        redocly.environment().put("NO_UPDATE_NOTIFIER", "1");
        Path stderr = Files.createTempFile("redocly", ".err");
        redocly.redirectError(stderr.toFile());
        Process process = redocly.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("redocly lint finished").isTrue();
        String err = Files.readString(stderr);
        Files.delete(stderr);
        JsonNode report;
        try {
            report = json.readTree(out.substring(out.indexOf('{')));
        } catch (RuntimeException notJson) {
            throw new AssertionError("redocly lint (exit " + process.exitValue() + ") wrote no JSON report:\n" + out
                    + "\n" + err, notJson);
        }
        List<String> errors = new ArrayList<>();
        for (JsonNode problem : report.path("problems")) {
            if (problem.path("severity").asString().equals("error")) {
                errors.add(problem.path("ruleId").asString() + ": " + problem.path("message").asString() + " at "
                        + problem.at("/location/0/pointer").asString());
            }
        }
        return new Lint(report.at("/totals/errors").asInt(), report.at("/totals/warnings").asInt(), errors);
    }
}
