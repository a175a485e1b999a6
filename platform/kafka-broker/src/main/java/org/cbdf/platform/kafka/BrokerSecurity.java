package org.cbdf.platform.kafka;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What a broker needs to authenticate everybody: the broker's own password (inter-broker and controller
 * connections), the administrator's password, and the OAuth issuer whose tokens clients present.
 *
 * @param brokerPassword the password of {@value KafkaBroker#BROKER_USER}
 * @param adminPassword  the password of {@value #ADMIN_USER}, who provisions topics and ACLs
 * @param issuer         the {@code iss} every client token must carry
 * @param jwksUrl        where the issuer's signing keys are (must be allow-listed in
 *                       {@code org.apache.kafka.sasl.oauthbearer.allowed.urls})
 */
public record BrokerSecurity(String brokerPassword, String adminPassword, String issuer, String jwksUrl) {

    /** The administrator's principal: a super user, for provisioning. */
    public static final String ADMIN_USER = "admin";

    public BrokerSecurity {
        Objects.requireNonNull(brokerPassword, "brokerPassword");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwksUrl, "jwksUrl");
    }

    /** A random password of 128 bits, hex: no character that would need quoting in a JAAS configuration. */
    public static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
