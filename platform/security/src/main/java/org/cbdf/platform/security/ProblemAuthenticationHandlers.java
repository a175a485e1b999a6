package org.cbdf.platform.security;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as RFC 9457 problem documents, keeping the {@code WWW-Authenticate} header the bearer-token
 * spec (RFC 6750) asks for. Why a token was refused is told in {@link TokenRefusal}'s words, in the document and the
 * header alike; the token library's own message (which names its classes and echoes parts of the token) goes to the
 * log only.
 */
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationHandlers.class);

    /** What a client is told about its token: enough to know what to fix, nothing of how the check works. */
    enum TokenRefusal {
        MISSING("no bearer token was sent"),
        EXPIRED("the token has expired"),
        NOT_YET_VALID("the token is not valid yet"),
        WRONG_ISSUER("the token is not from the governance realm"),
        WRONG_AUDIENCE("the token is not for this audience"),
        INVALID("the token is not one the governance realm signed");

        final String description;

        TokenRefusal(String description) {
            this.description = description;
        }

        static TokenRefusal of(AuthenticationException refusal) {
            if (!(refusal instanceof OAuth2AuthenticationException)) {
                return MISSING; // Spring Security's "full authentication is required": no token came
            }
            for (Throwable cause = refusal.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof JwtValidationException invalid) {
                    // the validators' descriptions are Spring Security's, not a caller's: matched, never shown
                    for (OAuth2Error error : invalid.getErrors()) {
                        String description = String.valueOf(error.getDescription());
                        if (description.startsWith("Jwt expired")) {
                            return EXPIRED;
                        }
                        if (description.startsWith("Jwt used before")) {
                            return NOT_YET_VALID;
                        }
                        if (description.contains("iss claim")) {
                            return WRONG_ISSUER;
                        }
                        if (description.contains("aud claim")) {
                            return WRONG_AUDIENCE;
                        }
                    }
                }
            }
            return INVALID;
        }
    }

    private final BearerTokenAccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();
    private final JsonMapper json;

    ProblemAuthenticationHandlers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        TokenRefusal refusal = TokenRefusal.of(authException);
        Throwable cause = authException.getCause();
        if (authException instanceof OAuth2AuthenticationException && cause != null
                && !(cause instanceof BadJwtException)) {
            log.warn("Bearer token refused on {} {} for an unexpected reason", request.getMethod(),
                    request.getRequestURI(), authException);
        } else {
            log.debug("Bearer token refused on {} {} ({}): {}", request.getMethod(), request.getRequestURI(), refusal,
                    authException.getMessage());
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, refusal == TokenRefusal.MISSING ? "Bearer"
                : "Bearer error=\"invalid_token\", error_description=\"" + refusal.description + "\"");
        write(request, response, HttpStatus.UNAUTHORIZED, "Unauthenticated",
                "A valid bearer token from the governance realm is required: " + refusal.description + ".");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        bearerAccessDenied.handle(request, response, accessDeniedException);
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this operation.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
            String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
