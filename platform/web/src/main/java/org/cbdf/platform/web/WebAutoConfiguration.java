package org.cbdf.platform.web;

import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.Nulls;
import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.ClassUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * Problem documents for every error (also those the servlet container answers), the request size limit and the
 * per-client rate limit. Before Spring Boot's error handling, whose error controller gives way to this one.
 */
@AutoConfiguration(after = HttpMessageConvertersAutoConfiguration.class, before = ErrorMvcAutoConfiguration.class)
@Import({ ApiProblems.class, ProblemErrorController.class, NulCharacterRefusal.Bodies.class })
@EnableConfigurationProperties(RateLimitProperties.class)
public class WebAutoConfiguration {

    /**
     * Spring Security's filter chain is registered at -100 (Spring Boot's default); the rate limit runs right after
     * it, once the token is verified, so that it can count per client.
     */
    static final int RATE_LIMIT_ORDER = -90;

    private static final String CALLER = "org.cbdf.platform.security.Caller";

    /** 503 for requests that failed on an unavailable database, where the service has one. */
    @Bean
    @ConditionalOnClass(name = "org.springframework.transaction.CannotCreateTransactionException")
    StoreUnavailableProblems storeUnavailableProblems() {
        return new StoreUnavailableProblems();
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(
            @Value("${cbdf.web.max-request-bytes:65536}") long maxRequestBytes) {
        var registration = new FilterRegistrationBean<>(new RequestSizeLimit(maxRequestBytes));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /**
     * The JSON of request bodies, with one rule more than the service's mapper: a list, set or map of a body holds no
     * null element ({@code ["DE", null]}). None of the APIs gives one a meaning, and the records the bodies become
     * copy their lists with {@code List.copyOf}, which throws on a null: refused here, it is a 400 naming the element
     * rather than a server error wherever the copy happens. Events and stored JSON are read with the service's own
     * mapper, unchanged.
     */
    @Bean
    ServerHttpMessageConvertersCustomizer requestBodiesWithoutNullElements(JsonMapper jsonMapper) {
        JsonMapper strict = jsonMapper.rebuild().changeDefaultNullHandling(nulls -> nulls.withContentNulls(Nulls.FAIL))
                .build();
        // in place of Spring Boot's JSON converter (this configuration comes after it): same place among the others
        return builder -> builder.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
    }

    @Bean
    FilterRegistrationBean<NulCharacterRefusal.Parameters> nulCharacterRefusal() {
        var registration = new FilterRegistrationBean<>(new NulCharacterRefusal.Parameters());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Tomcat's error reports (requests it refuses before any filter sees them) as problem documents too. */
    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /**
     * The API description (springdoc) describes the API: not the error page, and not the {@code Caller} a controller
     * takes, which the platform's security resolves from the token (springdoc would list it as a required query
     * parameter). The caller's type is named, not imported: platform-security is not a dependency of this module.
     */
    @Bean
    @ConditionalOnClass(name = "org.springdoc.core.utils.SpringDocUtils")
    static InitializingBean apiDescriptionLeavesOutWhatIsNoPartOfTheApi() {
        return () -> {
            var springdoc = org.springdoc.core.utils.SpringDocUtils.getConfig();
            springdoc.addHiddenRestControllers(ProblemErrorController.class);
            ClassLoader classLoader = WebAutoConfiguration.class.getClassLoader();
            if (ClassUtils.isPresent(CALLER, classLoader)) {
                springdoc.addRequestWrapperToIgnore(ClassUtils.forName(CALLER, classLoader));
            }
        };
    }

    /**
     * The API description's one shape ({@link ApiDescription}): title and version, the bearer scheme and which
     * operations need a token, the problem answers. Which paths are public is the platform's security's
     * ({@code cbdf.security.public-paths}, {@code additional-public-paths}); without it, none needs a token.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.GlobalOpenApiCustomizer")
    @EnableConfigurationProperties(OpenApiProperties.class)
    static class ApiDescriptionConfiguration {

        @Bean
        ApiDescription apiDescription(OpenApiProperties properties, RateLimitProperties rateLimit,
                ObjectProvider<StoreUnavailableProblems> store, ObjectProvider<AnonymousPaths> anonymousPaths,
                @Value("${spring.application.name:API}") String applicationName,
                @Value("${cbdf.web.max-request-bytes:65536}") long maxRequestBytes) {
            AnonymousPaths anonymous = anonymousPaths.getIfAvailable();
            // the limit is part of the API even where a load test or a test switches it off
            // (cbdf.web.rate-limit.enabled): described the same everywhere
            return new ApiDescription(properties, applicationName,
                    anonymous == null ? null : ApiDescription.matchesAny(anonymous.paths()).negate(),
                    ApiDescription.matchesAny(rateLimit.exemptPaths()).negate(), store.getIfAvailable() != null,
                    maxRequestBytes);
        }
    }

    /** The paths the platform's security leaves public, where it is on the classpath and configured. */
    record AnonymousPaths(List<String> paths) {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = { "org.springdoc.core.customizers.GlobalOpenApiCustomizer",
            "org.cbdf.platform.security.SecurityProperties" })
    static class AnonymousPathsConfiguration {

        @Bean
        AnonymousPaths anonymousPaths(ObjectProvider<org.cbdf.platform.security.SecurityProperties> security) {
            var properties = security.getIfAvailable();
            return properties == null ? null : new AnonymousPaths(properties.anonymousPaths());
        }
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "cbdf.web.rate-limit.enabled", matchIfMissing = true)
    FilterRegistrationBean<RequestRateLimit> requestRateLimit(RateLimitProperties properties) {
        var registration = new FilterRegistrationBean<>(new RequestRateLimit(properties));
        registration.setOrder(RATE_LIMIT_ORDER);
        return registration;
    }
}
