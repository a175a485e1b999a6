package org.cbdf.platform.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens it has verified until they expire, so that a client sending many requests with the same
 * access token has its signature (RS256) checked, and its claims parsed and validated, once rather than on every
 * request: under load that was a seventh of the transfer service's request handling.
 * <p>
 * Only a token byte for byte equal to one that passed {@code delegate} is answered from memory, and only before its
 * {@code exp} (the delegate tolerates a minute of clock skew beyond it; the memory does not). Nothing else a check
 * depends on changes while a token lives: its signature, issuer and audience are part of the token, and the
 * realm's keys are only ever added to. A token that fails is not remembered. At most {@code capacity} tokens are
 * kept; when full, the expired ones are dropped, and if that frees nothing, all of them.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final int capacity;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokens(JwtDecoder delegate, Clock clock, int capacity) {
        this.delegate = delegate;
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Jwt known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.getExpiresAt())) {
                return known;
            }
            verified.remove(token);
        }
        Jwt jwt = delegate.decode(token);
        if (jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())) {
            if (verified.size() >= capacity) {
                verified.values().removeIf(old -> !now.isBefore(old.getExpiresAt()));
                if (verified.size() >= capacity) {
                    verified.clear();
                }
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    int size() {
        return verified.size();
    }
}
