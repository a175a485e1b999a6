package org.cbdf.portal.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * A handler's {@link PortalUser} parameter: the signed-in user with the access token of the session's authorized
 * Keycloak client. The token is obtained the way {@code @RegisteredOAuth2AuthorizedClient} obtains it, through
 * Spring Security's authorized client manager (which renews it, or starts the login when there is none).
 */
final class PortalUserResolver implements HandlerMethodArgumentResolver {

    private final ObjectProvider<OAuth2AuthorizedClientManager> clients;

    PortalUserResolver(ObjectProvider<OAuth2AuthorizedClientManager> clients) {
        this.clients = clients;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PortalUser.class;
    }

    @Override
    public PortalUser resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest webRequest, WebDataBinderFactory binders) {
        Authentication principal = SecurityContextHolder.getContext().getAuthentication();
        OAuth2AuthorizedClient client = clients.getObject().authorize(
                OAuth2AuthorizeRequest.withClientRegistrationId(KeycloakRegistration.ID).principal(principal)
                        .attribute(HttpServletRequest.class.getName(), webRequest.getNativeRequest(HttpServletRequest.class))
                        .attribute(HttpServletResponse.class.getName(), webRequest.getNativeResponse(HttpServletResponse.class))
                        .build());
        if (client == null) {
            throw new IllegalStateException("no authorized Keycloak client for " + principal.getName());
        }
        return PortalUser.of(client);
    }
}
