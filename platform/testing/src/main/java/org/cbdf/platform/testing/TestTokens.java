package org.cbdf.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs access tokens shaped like the {@code governance} realm's, for tests that do not need the real
 * Keycloak. The services under test trust the public key written to {@link #publicKeyLocation()}.
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1:8180/realms/governance";
    public static final String AUDIENCE = "governance-api";

    private static final RSAKey KEY = generate();
    private static Path publicKeyFile;

    private TestTokens() {
    }

    public static String enterprise(String organization, String jurisdiction) {
        return token("enterprise-" + organization, List.of("ENTERPRISE"), organization, jurisdiction);
    }

    public static String regulator(String jurisdiction) {
        return token("regulator-" + jurisdiction.toLowerCase(), List.of("REGULATOR"), null, jurisdiction);
    }

    public static String auditor() {
        return token("auditor", List.of("AUDITOR"), null, null);
    }

    public static String policyAdmin() {
        return token("policy-admin", List.of("POLICY_ADMIN"), null, null);
    }

    public static String token(String username, List<String> roles, String organization, String jurisdiction) {
        return sign(claims(username, roles, organization, jurisdiction).build());
    }

    /** Claims as Keycloak issues them; tests alter them to forge expired or foreign tokens. */
    public static JWTClaimsSet.Builder claims(String username, List<String> roles, String organization,
            String jurisdiction) {
        Instant now = Instant.now();
        var builder = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(UUID.nameUUIDFromBytes(username.getBytes()).toString())
                .audience(List.of(AUDIENCE, "account"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claim("azp", "govctl")
                .claim("realm_access", Map.of("roles", roles));
        if (organization != null) {
            builder.claim("organization", organization);
        }
        if (jurisdiction != null) {
            builder.claim("jurisdiction", jurisdiction);
        }
        return builder;
    }

    public static String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed by a key the services do not trust: a forged token. */
    public static String signWithForeignKey(JWTClaimsSet claims) {
        try {
            RSAKey foreign = new RSAKeyGenerator(2048).keyID(KEY.getKeyID()).generate();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(foreign));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Not signed at all: header {@code {"alg":"none"}} and an empty signature (RFC 7519 §6). */
    public static String unsecured(JWTClaimsSet claims) {
        return new com.nimbusds.jwt.PlainJWT(claims).serialize();
    }

    /** A validly signed token whose payload was then edited (e.g. another organisation): the signature no longer fits. */
    public static String withTamperedPayload(String token, String claim, Object value) {
        String[] parts = token.split("\\.");
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder(JWTClaimsSet.parse(new String(
                    Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)))
                    .claim(claim, value).build();
            String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    claims.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return parts[0] + "." + payload + "." + parts[2];
        } catch (java.text.ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A Spring resource location of the PEM public key the test tokens verify against. */
    public static synchronized String publicKeyLocation() {
        if (publicKeyFile == null) {
            try {
                RSAPublicKey publicKey = KEY.toRSAPublicKey();
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(publicKey.getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                publicKeyFile = Files.createTempFile("cbdf-test-jwt", ".pem");
                publicKeyFile.toFile().deleteOnExit();
                Files.writeString(publicKeyFile, pem);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return publicKeyFile.toUri().toString();
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("cbdf-test").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
