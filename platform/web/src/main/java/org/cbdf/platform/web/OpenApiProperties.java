package org.cbdf.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a service's API description says of itself ({@code info}), set in its {@code application.yml}:
 * <pre>
 * cbdf.openapi:
 *   title: Transfer service
 *   description: Transfer requests of data exporters ...
 * </pre>
 *
 * @param title       the API's name; without one, the service's {@code spring.application.name}
 * @param description what the API is for, in a few sentences (Markdown)
 * @param version     the API's version, the {@code v1} of its paths
 */
@ConfigurationProperties("cbdf.openapi")
public record OpenApiProperties(String title, String description, @DefaultValue("v1") String version) {
}
