package org.cbdf.dispute;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Dispute service", version = "v1",
                description = "Disputes on cross-border transfers between the regulators of the jurisdictions involved "
                        + "and the exporting enterprise. Every call needs a bearer token of the governance realm."),
        security = @SecurityRequirement(name = "governance"))
@SecurityScheme(name = "governance", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
class OpenApiConfiguration {
}
