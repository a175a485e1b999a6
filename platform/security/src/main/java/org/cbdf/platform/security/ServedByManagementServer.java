package org.cbdf.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * A request to the actuator's own server ({@code management.server.port}), which Spring Boot runs as a child
 * context with the parent's security filter chain. That port is reachable only inside the deployment (loopback in
 * the local stack, a NetworkPolicy in Kubernetes), so its endpoints need no token; the API port serves no actuator
 * endpoint at all. Matching the server rather than the path keeps {@code /actuator/**} on the API port behind a
 * token even where someone configures both on one port.
 */
final class ServedByManagementServer implements RequestMatcher {

    static final String NAMESPACE = "management";

    @Override
    public boolean matches(HttpServletRequest request) {
        WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(request.getServletContext());
        return context != null && WebServerApplicationContext.hasServerNamespace(context, NAMESPACE);
    }
}
