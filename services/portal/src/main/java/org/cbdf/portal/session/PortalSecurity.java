package org.cbdf.portal.session;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Users log in through Keycloak (authorization code with PKCE: the {@code portal} client is public), the
 * session cookie is HTTP-only, every form carries a CSRF token, and logging out ends the Keycloak session
 * too. A strict Content-Security-Policy allows only the portal's own scripts and styles (no inline script,
 * no eval). Each area is for the roles whose API calls it makes: the inbox and deciding for regulators, the
 * transfers and disputes for regulators, auditors and enterprises (disputes' forms not for auditors), the audit
 * views for auditors, the policy's administration for policy administrators.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity implements WebMvcConfigurer {

    private final ObjectProvider<OAuth2AuthorizedClientManager> clients;

    PortalSecurity(ObjectProvider<OAuth2AuthorizedClientManager> clients) {
        this.clients = clients;
    }

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self' http: https:; "
            + "base-uri 'self'; object-src 'none'";

    @Bean
    ClientRegistrationRepository clientRegistrations(OidcProperties oidc) {
        return new InMemoryClientRegistrationRepository(KeycloakRegistration.of(oidc));
    }

    @Bean
    SecurityFilterChain portalFilterChain(HttpSecurity http, ClientRegistrationRepository registrations,
            PublicAddresses addresses) throws Exception {
        var logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        // first in the chain: the filters after it build the login's and logout's absolute URLs from the request
        http.addFilterBefore(new PublicAddresses.Requests(addresses), DisableEncodeUrlFilter.class);
        http.authorizeHttpRequests(requests -> requests
                        // the actuator's own port (management.server.port), which Spring Boot guards with this chain
                        // too: reachable only inside the deployment; the portal's port has only the probes of it
                        .requestMatchers(PortalSecurity::servedByManagementServer).permitAll()
                        .requestMatchers("/livez", "/readyz", "/css/**", "/js/**", "/webjars/**", "/error")
                        .permitAll()
                        .requestMatchers("/inbox", "/inbox/**").hasRole("REGULATOR")
                        .requestMatchers(HttpMethod.POST, "/transfers/*/decision").hasRole("REGULATOR")
                        // the transfer API shows a policy administrator no transfer, the dispute API no case
                        .requestMatchers("/transfers", "/transfers/**", "/live", "/live/transfers")
                        .hasAnyRole("REGULATOR", "AUDITOR", "ENTERPRISE")
                        // auditors read disputes and take no part in them
                        .requestMatchers(HttpMethod.POST, "/disputes/**").hasAnyRole("REGULATOR", "ENTERPRISE")
                        .requestMatchers("/disputes", "/disputes/**", "/live/disputes")
                        .hasAnyRole("REGULATOR", "AUDITOR", "ENTERPRISE")
                        // point-in-time state, the tree, the export: the audit API's auditor-only endpoints
                        .requestMatchers("/audit", "/audit/**").hasRole("AUDITOR")
                        // adequacy reviews are between regulators; policy administrators and auditors read them too
                        .requestMatchers(HttpMethod.GET, "/policy/reviews", "/policy/reviews/**", "/policy/recognition-map")
                        .hasAnyRole("REGULATOR", "POLICY_ADMIN", "AUDITOR")
                        .requestMatchers("/policy", "/policy/**").hasRole("POLICY_ADMIN")
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(
                                new RealmRoleAuthorities(new OidcUserService()))))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(loginOrUnauthorized()))
                .logout(l -> l.logoutSuccessHandler(logout))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    private static boolean servedByManagementServer(HttpServletRequest request) {
        WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(request.getServletContext());
        return context != null && WebServerApplicationContext.hasServerNamespace(context, "management");
    }

    /**
     * A page without a session goes to the Keycloak login. An event stream or an htmx request cannot follow
     * that redirect: it gets 401, and htmx is told to reload the page, which then logs the user in again.
     */
    private static AuthenticationEntryPoint loginOrUnauthorized() {
        var login = new LoginUrlAuthenticationEntryPoint("/oauth2/authorization/" + KeycloakRegistration.ID);
        return (request, response, exception) -> {
            String accept = request.getHeader("Accept");
            boolean eventStream = accept != null && accept.contains("text/event-stream");
            boolean htmx = "true".equals(request.getHeader("HX-Request"));
            if (eventStream || htmx) {
                if (htmx) {
                    response.setHeader("HX-Refresh", "true");
                }
                response.setStatus(HttpStatus.UNAUTHORIZED.value());
            } else {
                login.commence(request, response, exception);
            }
        };
    }

    /** Every handler takes the signed-in user as a {@link PortalUser} parameter. */
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PortalUserResolver(clients));
    }
}
