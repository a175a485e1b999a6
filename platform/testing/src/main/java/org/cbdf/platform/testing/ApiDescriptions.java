package org.cbdf.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a service's tests leave its OpenAPI description for the linter: {@code target/openapi/<module>.json} of the
 * module under test ({@code services/transfer/transfer-service/target/openapi/transfer-service.json}). The deployment
 * tests ({@code system-tests/deployment}, {@code OpenApiLintTests}) lint every service's file with Redocly's CLI, later
 * in the same build. {@link org.cbdf.platform.testing.hostile.HostileRunner#tests} saves the description it attacks,
 * so every service's hostile-input test writes it without a line of its own.
 */
public final class ApiDescriptions {

    /** Under the module's {@code target/}: {@code mvn clean} removes it, git ignores it. */
    public static final String FOLDER = "target/openapi";

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ApiDescriptions() {
    }

    /**
     * Writes {@code description} to {@code target/openapi/<module>.json} of the module Maven runs the tests of (its
     * {@code basedir}, else the working directory) and returns the file.
     */
    public static Path save(JsonNode description) {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath().normalize();
        Path file = module.resolve(FOLDER).resolve(module.getFileName() + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(description) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API description to " + file, e);
        }
        return file;
    }
}
