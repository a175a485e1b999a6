package org.cbdf.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.cbdf.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API description a service publishes, as springdoc builds it behind the platform's real resource server: its
 * title, the bearer scheme, which operations need a token, and the problem answers each operation can give.
 */
@SpringBootTest(classes = ApiDescriptionTests.Api.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "cbdf.openapi.title=Things service", "cbdf.openapi.description=Things, described.",
                "cbdf.security.additional-public-paths=/api/v1/described/public/**",
                // as in the services' tests: the limit is described all the same
                "cbdf.web.rate-limit.enabled=false" })
class ApiDescriptionTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Api.Things.class)
    static class Api {

        @RestController
        @RequestMapping("/api/v1/described")
        static class Things {

            @GetMapping("/things/{id}")
            @PreAuthorize("hasRole('AUDITOR')")
            Map<String, String> thing(@PathVariable String id) {
                return Map.of("id", id);
            }

            @PostMapping("/things")
            @PreAuthorize("isAuthenticated()")
            @ApiResponse(responseCode = "201", description = "Added")
            @ApiResponse(responseCode = "409", description = "A thing of that name exists")
            Map<String, String> add(@RequestBody Map<String, String> thing) {
                return thing;
            }

            @GetMapping("/public/key")
            @AnswersWithoutStore
            Map<String, String> key() {
                return Map.of("key", "public");
            }
        }
    }

    @DynamicPropertySource
    static void tokens(DynamicPropertyRegistry registry) {
        registry.add("cbdf.security.issuer-uri", () -> TestTokens.ISSUER);
        registry.add("cbdf.security.public-key-location", TestTokens::publicKeyLocation);
    }

    @LocalServerPort
    int port;

    JsonNode api;

    @BeforeEach
    void describe() throws Exception {
        HttpResponse<String> docs = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
        api = JsonMapper.builder().build().readTree(docs.body());
    }

    @Test
    void theServiceNamesItselfAndItsTokens() {
        assertThat(api.at("/info/title").asString()).isEqualTo("Things service");
        assertThat(api.at("/info/version").asString()).isEqualTo("v1");
        assertThat(api.at("/info/description").asString()).isEqualTo("Things, described.");
        assertThat(api.at("/info/license/identifier").asString()).isEqualTo("Apache-2.0");
        JsonNode bearer = api.at("/components/securitySchemes/bearer");
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(api.has("security")).as("no requirement for all: each operation says its own").isFalse();
        assertThat(api.at("/components/schemas/Problem/properties").propertyNames())
                .contains("type", "title", "status", "detail", "instance", "errors");
    }

    @Test
    void anOperationWithARoleAndAPathVariableNeedsATokenAndCanBeRefusedNotFoundOrOverloaded() {
        JsonNode get = api.at("/paths/~1api~1v1~1described~1things~1{id}/get");
        assertThat(get.at("/security/0").propertyNames()).containsExactly("bearer");
        assertThat(get.path("responses").propertyNames())
                .containsExactly("200", "400", "401", "403", "404", "406", "429", "503");
        for (String status : new String[] { "400", "401", "403", "404", "406", "429", "503" }) {
            assertThat(get.at("/responses/" + status + "/content").propertyNames()).as(status)
                    .containsExactly("application/problem+json");
            assertThat(get.at("/responses/" + status + "/content/application~1problem+json/schema/$ref").asString())
                    .isEqualTo("#/components/schemas/Problem");
        }
        assertThat(get.at("/responses/429/headers").has("Retry-After")).isTrue();
        assertThat(get.at("/responses/503/headers").has("Retry-After")).isTrue();
    }

    @Test
    void anOperationWithABodyKeepsWhatItDeclaresAndGetsTheBodysAnswersButNoRoleRefusal() {
        JsonNode post = api.at("/paths/~1api~1v1~1described~1things/post");
        assertThat(post.at("/security/0").propertyNames()).containsExactly("bearer");
        assertThat(post.path("responses").propertyNames())
                .containsExactly("201", "400", "401", "406", "409", "413", "415", "429", "503")
                .as("a token is all it asks for: no 403; no path variable: no 404").doesNotContain("403", "404");
        assertThat(post.at("/responses/409/description").asString()).isEqualTo("A thing of that name exists");
        assertThat(post.at("/responses/409/content").propertyNames()).containsExactly("application/problem+json");
        assertThat(post.at("/responses/201/content").propertyNames()).doesNotContain("application/problem+json");
    }

    @Test
    void aPublicOperationSaysItNeedsNoTokenAndClaimsNoAnswerItCannotGive() {
        JsonNode key = api.at("/paths/~1api~1v1~1described~1public~1key/get");
        assertThat(key.has("security")).isTrue();
        assertThat(key.path("security").isArray()).isTrue();
        assertThat(key.path("security").isEmpty()).as("security: [] - no token").isTrue();
        assertThat(key.path("responses").propertyNames()).containsExactly("200", "406", "429")
                .as("no parameters, no token, no database").doesNotContain("400", "401", "403", "503");
        assertThat(key.has("x-cbdf-handler")).isFalse();
        assertThat(key.path("summary").asString()).as("its method's name, in words").isEqualTo("Key");
    }

    @Test
    void anOperationWithoutASummaryIsSummarisedByItsMethodsName() {
        assertThat(ApiDescription.words("recognitionAgreements")).isEqualTo("Recognition agreements");
        assertThat(ApiDescription.words("flag_1")).isEqualTo("Flag");
    }
}
