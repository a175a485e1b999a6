package org.cbdf.platform.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses text holding the NUL character (U+0000) with 400, in query parameters and in request bodies. No text of the
 * platform means anything with it, and PostgreSQL cannot store it in a {@code text} column nor compare it with one:
 * let through, it fails the query or the insert with a server error.
 */
public final class NulCharacterRefusal {

    static final String REASON = "must not contain the NUL character (U+0000)";
    private static final Set<Charset> ASCII_COMPATIBLE = Set.of(StandardCharsets.UTF_8, StandardCharsets.US_ASCII,
            StandardCharsets.ISO_8859_1);

    private NulCharacterRefusal() {
    }

    /** A NUL in a request body: answered by {@link ApiProblems} as a 400 naming the body. */
    public static class InBody extends RuntimeException {
        InBody() {
            super("request body " + REASON);
        }
    }

    /** Query (and form) parameters: refused before anything reads them. */
    public static class Parameters extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                boolean nul = parameter.getKey().indexOf('\0') >= 0;
                for (String value : parameter.getValue()) {
                    nul |= value != null && value.indexOf('\0') >= 0;
                }
                if (nul) {
                    response.setStatus(HttpStatus.BAD_REQUEST.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    String field = parameter.getKey().replace("\0", "\\u0000").replace("\\", "\\\\")
                            .replace("\"", "\\\"");
                    response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Invalid request\","
                            + "\"status\":400,\"detail\":\"" + field + ": " + REASON + "\",\"errors\":[{\"field\":\""
                            + field + "\",\"reason\":\"" + REASON + "\"}]}").getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * Request bodies read into a controller's {@code @RequestBody}: a raw NUL byte in a text body, or the escape
     * {@code \u0000} in a JSON one. Bodies are small (see {@link RequestSizeLimit}): read whole, then handed on.
     */
    @ControllerAdvice
    static class Bodies extends RequestBodyAdviceAdapter {

        @Override
        public boolean supports(MethodParameter methodParameter, Type targetType,
                Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
            MediaType type = input.getHeaders().getContentType();
            Charset charset = type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
            if (!ASCII_COMPATIBLE.contains(charset)) {
                return input;
            }
            byte[] body = input.getBody().readAllBytes();
            boolean json = type == null || type.getSubtype().equals("json") || type.getSubtype().endsWith("+json");
            if (containsNul(body, json)) {
                throw new InBody();
            }
            HttpHeaders headers = input.getHeaders();
            return new HttpInputMessage() {
                @Override
                public InputStream getBody() {
                    return new ByteArrayInputStream(body);
                }

                @Override
                public HttpHeaders getHeaders() {
                    return headers;
                }
            };
        }
    }

    /** A NUL byte, or (in JSON) an unescaped backslash starting {@code \u0000}. */
    static boolean containsNul(byte[] body, boolean json) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                return true;
            }
            if (json && body[i] == '\\' && i + 1 < body.length) {
                if (body[i + 1] == 'u' && i + 5 < body.length && body[i + 2] == '0' && body[i + 3] == '0'
                        && body[i + 4] == '0' && body[i + 5] == '0') {
                    return true;
                }
                i++; // the escaped character: an escaped backslash starts no escape
            }
        }
        return false;
    }
}
