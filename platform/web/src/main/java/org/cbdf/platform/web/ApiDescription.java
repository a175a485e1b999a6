package org.cbdf.platform.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.method.HandlerMethod;

/**
 * One shape for every service's API description (springdoc), in one place rather than on every controller:
 * <ul>
 * <li>{@code info}: the title, description and version of {@link OpenApiProperties} ({@code cbdf.openapi.*}), the
 * licence; a summary for an operation without one, its method's name in words;</li>
 * <li>the {@value #BEARER} security scheme (an access token of the governance realm, a Keycloak JWT) and, on every
 * operation, whether it needs one: {@code security: [bearer]}, or {@code security: []} for the paths the platform's
 * security leaves public ({@code cbdf.security.public-paths} and {@code additional-public-paths});</li>
 * <li>the problem answers (RFC 9457, {@code application/problem+json}, the {@value #PROBLEM} schema) an operation can
 * give whatever it does: 400 where it takes parameters or a body, 401 where it needs a token, 403 where a role
 * decides ({@code @PreAuthorize} naming roles), 404 where its path names something, 406 where it answers with a
 * representation, 413 and 415 where it takes a body, 429 under the rate limit, 503 where the service has a database
 * (unless {@link AnswersWithoutStore}).</li>
 * </ul>
 * What a controller declares itself ({@code @ApiResponse}: a 409, a 412, a 403 its domain decides) stays as it is
 * written; every 4xx and 5xx answer is described as a problem document.
 */
public final class ApiDescription implements GlobalOpenApiCustomizer, GlobalOperationCustomizer {

    /** The security scheme's name. */
    public static final String BEARER = "bearer";
    /** The problem document's schema ({@code #/components/schemas/Problem}). */
    public static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    /** What the handler method says of the operation, handed from the operation's customizer to the document's. */
    private static final String FACTS = "x-cbdf-handler";
    private static final String ROLES = "roles";
    private static final String NO_STORE = "no-store";
    private static final Set<String> NO_ROLE_EXPRESSIONS = Set.of("isAuthenticated()", "permitAll()",
            "isFullyAuthenticated()");

    private final OpenApiProperties properties;
    private final String applicationName;
    /** Whether a path needs a token; null where the service has no token security at all. */
    private final Predicate<String> needsToken;
    private final Predicate<String> rateLimited;
    private final boolean store;
    private final long maxRequestBytes;

    ApiDescription(OpenApiProperties properties, String applicationName, Predicate<String> needsToken,
            Predicate<String> rateLimited, boolean store, long maxRequestBytes) {
        this.properties = properties;
        this.applicationName = applicationName;
        this.needsToken = needsToken;
        this.rateLimited = rateLimited;
        this.store = store;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * Whether a path template ({@code /api/v1/transfers/{id}}) matches one of the Ant-style patterns the security
     * and the rate limit are configured with ({@code /api/v1/audit/public-key}, {@code /v3/api-docs/**}).
     */
    static Predicate<String> matchesAny(List<String> patterns) {
        AntPathMatcher matcher = new AntPathMatcher();
        List<String> copy = List.copyOf(patterns);
        return template -> {
            String path = template.replaceAll("\\{[^}/]+}", "x");
            return copy.stream().anyMatch(pattern -> matcher.match(pattern, path));
        };
    }

    // ---------------------------------------------------------------------------------------- per operation

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(ROLES, rolesDecide(handler));
        facts.put(NO_STORE, handler.hasMethodAnnotation(AnswersWithoutStore.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), AnswersWithoutStore.class));
        operation.addExtension(FACTS, facts);
        return operation;
    }

    /** A {@code @PreAuthorize} on the method, else its class, that asks for more than a token. */
    static boolean rolesDecide(HandlerMethod handler) {
        String expression = preAuthorize(handler);
        return expression != null && !NO_ROLE_EXPRESSIONS.contains(expression.replace(" ", ""));
    }

    private static String preAuthorize(HandlerMethod handler) {
        String annotation = "org.springframework.security.access.prepost.PreAuthorize";
        var attributes = AnnotatedElementUtils.getMergedAnnotationAttributes(handler.getMethod(), annotation);
        if (attributes == null) {
            attributes = AnnotatedElementUtils.getMergedAnnotationAttributes(handler.getBeanType(), annotation);
        }
        return attributes == null ? null : attributes.getString("value");
    }

    // ---------------------------------------------------------------------------------------- the document

    @Override
    public void customise(OpenAPI api) {
        api.setInfo(info(api.getInfo()));
        Components components = api.getComponents() != null ? api.getComponents() : new Components();
        api.setComponents(components);
        components.addSchemas(PROBLEM, problemSchema());
        api.setSecurity(null);
        if (needsToken != null) {
            components.setSecuritySchemes(new TreeMap<>(Map.of(BEARER, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("An access token of the governance realm (Keycloak), for the audience "
                            + "governance-api: `Authorization: Bearer <token>`"))));
        }
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((template, item) -> item.readOperationsMap()
                .forEach((method, operation) -> describe(template, item, operation)));
    }

    private Info info(Info existing) {
        Info info = existing != null ? existing : new Info();
        if (properties.title() != null) {
            info.setTitle(properties.title());
        } else if (info.getTitle() == null || info.getTitle().equals("OpenAPI definition")) {
            info.setTitle(applicationName);
        }
        if (properties.description() != null) {
            info.setDescription(properties.description().strip());
        }
        // springdoc's own "v0" gives way; a version a service wrote in @OpenAPIDefinition stays
        if (info.getVersion() == null || "v0".equals(info.getVersion()) || properties.title() != null) {
            info.setVersion(properties.version());
        }
        if (info.getLicense() == null) {
            info.setLicense(new License().name("Apache-2.0").identifier("Apache-2.0"));
        }
        return info;
    }

    private void describe(String template, PathItem item, Operation operation) {
        @SuppressWarnings("unchecked")
        Map<String, Object> facts = operation.getExtensions() != null
                ? (Map<String, Object>) operation.getExtensions().remove(FACTS) : null;
        if (operation.getExtensions() != null && operation.getExtensions().isEmpty()) {
            operation.setExtensions(null);
        }
        boolean unsummarised = operation.getSummary() == null || operation.getSummary().isBlank();
        if (unsummarised && operation.getOperationId() != null) {
            operation.setSummary(words(operation.getOperationId()));
        }
        boolean token = needsToken != null && needsToken.test(template);
        if (needsToken != null) {
            operation.setSecurity(token ? new ArrayList<>(List.of(new SecurityRequirement().addList(BEARER)))
                    : new ArrayList<>());
        }
        boolean parameters = (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || (item.getParameters() != null && !item.getParameters().isEmpty());
        boolean body = operation.getRequestBody() != null;
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        boolean representation = responses.entrySet().stream().anyMatch(response -> response.getKey().startsWith("2")
                && response.getValue().getContent() != null && !response.getValue().getContent().isEmpty());

        if (parameters || body) {
            add(responses, "400", "Invalid request: a parameter or the body is wrong (`errors` names each field)");
        }
        if (token) {
            add(responses, "401", "No valid access token (missing, expired, of another issuer or audience)");
            if (facts != null && Boolean.TRUE.equals(facts.get(ROLES))) {
                add(responses, "403", "Not allowed: the token's roles do not allow this operation");
            }
        }
        if (template.contains("{")) {
            add(responses, "404", "Not found: what the path names does not exist, or is not the caller's to see");
        }
        if (representation) {
            add(responses, "406", "Not acceptable: the service cannot answer in any media type of the Accept header");
        }
        if (body) {
            add(responses, "413", "Content too large: request bodies are limited to " + maxRequestBytes + " bytes");
            add(responses, "415", "Unsupported media type: the body's Content-Type is not one this operation reads");
        }
        if (rateLimited.test(template)) {
            add(responses, "429", "Too many requests: this client is over its rate limit; retry after Retry-After "
                    + "seconds").addHeaderObject("Retry-After", retryAfter());
        }
        if (store && (facts == null || !Boolean.TRUE.equals(facts.get(NO_STORE)))) {
            add(responses, "503", "Service temporarily unavailable: its database cannot be reached; retry after "
                    + "Retry-After seconds").addHeaderObject("Retry-After", retryAfter());
        }
        responses.forEach((status, response) -> {
            if (response.get$ref() == null && !status.startsWith("1") && !status.startsWith("2")
                    && !status.startsWith("3") && !status.equals("default")) {
                response.setContent(problemContent());
            }
        });
        operation.setResponses(sorted(responses));
    }

    /**
     * A summary for an operation whose controller wrote none: its method's name in words
     * ({@code recognitionAgreements} → "Recognition agreements"). A written {@code @Operation(summary)} says more.
     */
    static String words(String operationId) {
        String spaced = operationId.replaceAll("_\\d+$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }

    private static ApiResponse add(ApiResponses responses, String status, String description) {
        return responses.computeIfAbsent(status, s -> new ApiResponse().description(description));
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(responses).forEach(sorted::addApiResponse);
        sorted.setExtensions(responses.getExtensions());
        return sorted;
    }

    private static Header retryAfter() {
        return new Header().description("Seconds to wait before retrying").schema(new IntegerSchema());
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    /** RFC 9457 §3.1, with the platform's {@code errors}: each bad field of a 400 and why. */
    static Schema<?> problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema().description("the field, as a JSON path ($ for the body)"));
        fieldError.addProperty("reason", new StringSchema().description("what is wrong with it"));
        fieldError.setRequired(List.of("field", "reason"));
        ObjectSchema problem = new ObjectSchema();
        problem.setDescription("A problem document (RFC 9457). Some carry more members: the id of what was not "
                + "found (`transferId`), the limit that was reached.");
        problem.addProperty("type", new StringSchema().format("uri-reference")._default("about:blank")
                .description("the problem's type"));
        problem.addProperty("title", new StringSchema().description("the problem's kind, the same for each type"));
        problem.addProperty("status", new IntegerSchema().description("the HTTP status"));
        problem.addProperty("detail", new StringSchema().description("what went wrong in this case"));
        problem.addProperty("instance", new StringSchema().format("uri-reference")
                .description("the request the problem occurred on"));
        problem.addProperty("errors", new ArraySchema().items(fieldError)
                .description("400 only: each bad field and why"));
        problem.setRequired(List.of("title", "status"));
        problem.setAdditionalProperties(true);
        return problem;
    }
}
