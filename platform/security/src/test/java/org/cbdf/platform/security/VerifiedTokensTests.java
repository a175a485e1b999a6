package org.cbdf.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

class VerifiedTokensTests {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    private Instant now = NOW;
    private final List<String> verifications = new ArrayList<>();
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** Verifies "good-<minutes of life>" tokens, refuses anything else, and records every verification. */
    private final VerifiedTokens tokens = new VerifiedTokens(token -> {
        verifications.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        Instant expiry = NOW.plus(Duration.ofMinutes(Long.parseLong(token.substring(5))));
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("enterprise-cn").issuedAt(NOW)
                .expiresAt(expiry).build();
    }, clock, 3);

    @Test
    void aTokenIsVerifiedOnceWhileItLives() {
        Jwt first = tokens.decode("good-5");
        Jwt again = tokens.decode("good-5");

        assertThat(again).isSameAs(first);
        assertThat(verifications).containsExactly("good-5");
    }

    @Test
    void anExpiredTokenIsVerifiedAgainAndSoRefusedByTheDelegate() {
        tokens.decode("good-5");
        now = NOW.plus(Duration.ofMinutes(5));

        tokens.decode("good-5");

        assertThat(verifications).containsExactly("good-5", "good-5");
    }

    @Test
    void aRefusedTokenIsNotRemembered() {
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verifications).containsExactly("forged", "forged");
        assertThat(tokens.size()).isZero();
    }

    @Test
    void whenFullTheExpiredGoFirstAndOtherwiseAll() {
        tokens.decode("good-1");
        tokens.decode("good-10");
        tokens.decode("good-20");
        now = NOW.plus(Duration.ofMinutes(2)); // good-1 expired

        tokens.decode("good-30");
        assertThat(tokens.size()).isEqualTo(3);
        tokens.decode("good-10");
        assertThat(verifications).containsExactly("good-1", "good-10", "good-20", "good-30");

        tokens.decode("good-40"); // full of live tokens: forget them all, keep the new one
        assertThat(tokens.size()).isEqualTo(1);
        tokens.decode("good-10");
        assertThat(verifications).endsWith("good-40", "good-10");
    }
}
