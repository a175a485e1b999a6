package org.cbdf.portal.apis;

import java.net.URI;

import org.cbdf.portal.PortalProperties;

/**
 * The services the portal calls. Each has its own circuit breaker, so one failing service does not take the
 * pages of the others down with it; {@link #messageKey()} names it on the page that says it is unavailable.
 */
public enum Downstream {
    TRANSFER, POLICY, DISPUTE, AUDIT;

    URI base(PortalProperties services) {
        return switch (this) {
            case TRANSFER -> services.transferService();
            case POLICY -> services.policyService();
            case DISPUTE -> services.disputeService();
            case AUDIT -> services.auditService();
        };
    }

    /** {@code downstream.transfer} …: "the transfer service". */
    public String messageKey() {
        return "downstream." + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The circuit breaker's name, as metrics and logs show it. */
    String breakerName() {
        return name().toLowerCase(java.util.Locale.ROOT) + "-service";
    }
}
