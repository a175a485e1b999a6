package org.cbdf.platform.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is an OAuth2 resource server for the {@code governance} realm: signature (RS256 from the
 * realm's key set), issuer, expiry and audience are checked; realm roles become {@code ROLE_*} authorities.
 * Without a token: the probes on the API port ({@code /livez}, {@code /readyz}), the API description, and everything
 * on the actuator's own port ({@link ServedByManagementServer}); the API port serves no other actuator endpoint.
 */
@AutoConfiguration
@EnableWebSecurity
@EnableMethodSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ResourceServerAutoConfiguration {

    /** Verified tokens remembered until they expire ({@link VerifiedTokens}), a few KB each: at most ~20 MB. */
    static final int VERIFIED_TOKENS_KEPT = 4_096;

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        if (properties.issuerUri() == null) {
            throw new IllegalStateException("cbdf.security.issuer-uri must name the realm's issuer (OIDC_ISSUER_URI)");
        }
        NimbusJwtDecoder decoder = properties.publicKeyLocation() != null
                ? NimbusJwtDecoder.withPublicKey(readPublicKey(properties.publicKeyLocation())).build()
                : NimbusJwtDecoder.withJwkSetUri(properties.effectiveJwkSetUri().toString()).build();
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(properties.audience()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuerUri().toString()), audience));
        return new VerifiedTokens(decoder, Clock.systemUTC(), VERIFIED_TOKENS_KEPT);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain resourceServerFilterChain(HttpSecurity http, SecurityProperties properties, JsonMapper json)
            throws Exception {
        var problems = new ProblemAuthenticationHandlers(json);
        http.csrf(csrf -> csrf.disable()) // stateless bearer-token API: no cookies, nothing to forge
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.OPTIONS, "/**").permitAll()
                        .requestMatchers(new ServedByManagementServer()).permitAll()
                        .requestMatchers(properties.allPublicPaths()).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth2 -> oauth2
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(realmRoles()))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
        return http.build();
    }

    @Bean
    WebMvcConfigurer callerArgumentResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }
        };
    }

    static Converter<Jwt, AbstractAuthenticationToken> realmRoles() {
        return jwt -> new JwtAuthenticationToken(jwt,
                CallerArgumentResolver.roles(jwt).stream().map(role -> new SimpleGrantedAuthority(role.authority()))
                        .collect(Collectors.toSet()),
                jwt.getClaimAsString("preferred_username"));
    }

    private static RSAPublicKey readPublicKey(String location) {
        Resource resource = new DefaultResourceLoader().getResource(location);
        try (InputStream in = resource.getInputStream()) {
            String pem = new String(in.readAllBytes()).replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "")
                    .replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read public key " + location, e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA public key: " + location, e);
        }
    }
}
