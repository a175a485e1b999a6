package org.cbdf.platform.testing;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.cbdf.platform.testing.hostile.HostileRunner;
import org.cbdf.platform.testing.hostile.Parameter;
import org.junit.jupiter.api.DynamicNode;

import tools.jackson.databind.JsonNode;

/**
 * The entry point the services' {@code *HostileInputIntegrationTests} had before hostile input was split along its
 * jobs ({@link org.cbdf.platform.testing.hostile}: the OpenAPI reader {@code OpenApiOperations}, the generator
 * {@code HostileCases}, the runner {@link HostileRunner} and the judge {@code HostileJudge}). It keeps a caller's
 * test compiling unchanged; new callers use {@link HostileRunner#tests} and its {@code Endpoint}.
 */
public final class HostileRequests {

    private HostileRequests() {
    }

    /** One operation of the API description, as {@link HostileRunner} hands it to {@code callerOf}. */
    public record Endpoint(String method, String path, List<Parameter> parameters, JsonNode bodySchema,
            boolean bodyRequired, List<String> bodyTypes, List<String> produces, Set<String> methodsOfPath) {

        static Endpoint of(org.cbdf.platform.testing.hostile.Endpoint endpoint) {
            return new Endpoint(endpoint.method(), endpoint.path(), endpoint.parameters(), endpoint.bodySchema(),
                    endpoint.bodyRequired(), endpoint.bodyTypes(), endpoint.produces(), endpoint.methodsOfPath());
        }

        public boolean streams() {
            return produces.contains("text/event-stream");
        }

        public boolean hasBody() {
            return bodySchema != null;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** {@link HostileRunner#tests(URI, DataSource, Function, String...)}. */
    public static Stream<DynamicNode> tests(URI base, DataSource database, Function<Endpoint, String> callerOf,
            String... expectedOperations) throws IOException, InterruptedException {
        return tests(base, database, callerOf, Map.of(), expectedOperations);
    }

    /** {@link HostileRunner#tests(URI, DataSource, Function, Map, String...)}. */
    public static Stream<DynamicNode> tests(URI base, DataSource database, Function<Endpoint, String> callerOf,
            Map<String, List<String>> existing, String... expectedOperations) throws IOException, InterruptedException {
        return HostileRunner.tests(base, database, endpoint -> callerOf.apply(Endpoint.of(endpoint)), existing,
                expectedOperations);
    }
}
