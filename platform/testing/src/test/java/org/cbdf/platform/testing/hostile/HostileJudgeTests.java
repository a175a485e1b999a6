package org.cbdf.platform.testing.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the judge lets pass and what it names: the rules every hostile answer is held to. */
class HostileJudgeTests {

    private static final Case INVALID = new Case("malformed body", "malformed body #1", "POST", "/api/v1/things",
            Map.of("Content-Type", "application/json"), "{".getBytes(), Expect.REFUSED);

    @Test
    void aRefusalAsAProblemDocumentWithItsStatusPasses() {
        assertThat(HostileJudge.problems(INVALID, new Answer(400, "application/problem+json",
                "{\"status\":400,\"title\":\"Invalid request\"}"))).isEmpty();
    }

    @Test
    void aServerErrorAnAcceptedInvalidRequestAndAnErrorThatIsNoProblemDocumentAreNamed() {
        assertThat(HostileJudge.problems(INVALID, new Answer(500, "application/problem+json", "{\"status\":500}")))
                .containsExactly("a server error");
        assertThat(HostileJudge.problems(INVALID, new Answer(200, "application/json", "{}")))
                .containsExactly("accepted, though it is invalid whatever the service's rules are");
        assertThat(HostileJudge.problems(INVALID, new Answer(400, "text/html", "<h1>Bad</h1>")))
                .containsExactly("the error is not a problem document (Content-Type text/html)");
        assertThat(HostileJudge.problems(INVALID, new Answer(400, "application/problem+json", "{\"status\":404}")))
                .containsExactly("the problem document's status is not 400");
    }

    @Test
    void aBodyOverTheLimitMustBe413() {
        Case tooLarge = new Case("too large", "too large #1", "POST", "/api/v1/things", Map.of(), new byte[1],
                Expect.TOO_LARGE);

        assertThat(HostileJudge.problems(tooLarge, new Answer(400, "application/problem+json", "{\"status\":400}")))
                .containsExactly("not refused as too large (413)");
    }

    @Test
    void theOperationsOfADescriptionAreReadWithTheirParametersAndBodies() {
        var apiDocs = Texts.JSON.readTree("""
                {"paths": {"/api/v1/things/{id}": {
                  "get": {"parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]},
                  "put": {"requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}}}
                }}}
                """);

        var endpoints = OpenApiOperations.endpoints(apiDocs);

        assertThat(endpoints).extracting(Endpoint::toString)
                .containsExactly("GET /api/v1/things/{id}", "PUT /api/v1/things/{id}");
        assertThat(endpoints.getFirst().parameters()).extracting(Parameter::name).containsExactly("id");
        assertThat(endpoints.get(1).hasBody()).isTrue();
        assertThat(HostileCases.cases(apiDocs, endpoints.get(1))).isNotEmpty()
                .allSatisfy(hostile -> assertThat(hostile.method()).isNotBlank());
    }
}
