package org.cbdf.portal;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the services' APIs are; the portal has no data of its own. */
@ConfigurationProperties("cbdf.portal")
record PortalProperties(URI transferService, URI policyService, URI disputeService, URI auditService) {
}
