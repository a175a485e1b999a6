package org.cbdf.portal;

import org.cbdf.portal.session.PortalUsers;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The whole portal behind MockMvc, its APIs played by {@link FakeServices} and Keycloak nowhere: the
 * registration needs no discovery, so the context starts with the issuer on a port nobody listens on.
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class PortalWebTests {

    public static final FakeServices services = FakeServices.INSTANCE;

    @Autowired
    public MockMvc mvc;

    @DynamicPropertySource
    public static void services(DynamicPropertyRegistry registry) {
        registry.add("cbdf.portal.transfer-service", () -> services.baseUri().toString());
        registry.add("cbdf.portal.audit-service", () -> services.baseUri().toString());
        registry.add("cbdf.portal.policy-service", () -> services.baseUri().toString());
        registry.add("cbdf.portal.dispute-service", () -> services.baseUri().toString());
        registry.add("cbdf.portal.oidc.issuer-uri", () -> PortalUsers.ISSUER);
        // a dispute page's live updates come from reading the case: often, so tests wait little for them
        registry.add("cbdf.portal.live.dispute-poll", () -> "100ms");
        // few lists followed at once per instance, so that a test reaches the limit
        registry.add("cbdf.portal.live.max-transfer-streams", () -> "3");
    }

    @BeforeEach
    protected void resetServices() {
        services.reset();
    }
}
