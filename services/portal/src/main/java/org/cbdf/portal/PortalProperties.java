package org.cbdf.portal;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services' APIs are; the portal has no data of its own. {@code auditPublicKey}, if set, is the
 * audit ledger's key the portal checks checkpoints against (a C2SP verifier key
 * {@code name+hash+base64(0x01‖key)}, or a PEM public key), obtained once over a channel the operator trusts;
 * without it the portal checks against the key the audit service publishes.
 */
@ConfigurationProperties("cbdf.portal")
record PortalProperties(URI transferService, URI policyService, URI disputeService, URI auditService,
        String auditPublicKey) {

    PortalProperties {
        if (auditPublicKey != null && auditPublicKey.isBlank()) {
            auditPublicKey = null;
        }
    }
}
