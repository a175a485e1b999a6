package org.cbdf.tools.load;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.cbdf.platform.keycloak.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * One user logged in with the password grant, as an enterprise's integration would be: its access token is renewed
 * with the refresh token when three quarters of its lifetime have passed (in the background, while requests go on
 * with the still valid token), or by a new password grant if the refresh is refused (session ended).
 */
final class Login {

    /** The token endpoint's grants; {@link Tokens} against a real realm. */
    interface Grants {
        JsonNode request(Map<String, String> form);
    }

    private record Token(String access, String refresh, Instant refreshAt, Instant expiresAt) {
    }

    private final Grants grants;
    private final String clientId;
    private final String username;
    private final String password;
    private final InstantSource clock;
    private final Executor background;
    private final AtomicBoolean renewing = new AtomicBoolean();
    private final LongAdder renewals = new LongAdder();
    private volatile Token token;
    private final String organization;
    private final String jurisdiction;

    Login(Grants grants, String clientId, String username, String password, InstantSource clock, Executor background) {
        this.grants = grants;
        this.clientId = clientId;
        this.username = username;
        this.password = password;
        this.clock = clock;
        this.background = background;
        this.token = passwordGrant();
        JsonNode claims = Tokens.claims(token.access());
        this.organization = claims.path("organization").asString("");
        this.jurisdiction = claims.path("jurisdiction").asString("");
    }

    static Login of(String issuer, String clientId, String username, String password) {
        Tokens tokens = Tokens.forIssuer(issuer);
        return new Login(tokens::request, clientId, username, password, InstantSource.system(),
                task -> Thread.ofVirtual().name("load-token-renewal").start(task));
    }

    String username() {
        return username;
    }

    /** The {@code organization} claim; empty for users of no organisation (auditors). */
    String organization() {
        return organization;
    }

    String jurisdiction() {
        return jurisdiction;
    }

    long renewals() {
        return renewals.sum();
    }

    /** A valid access token; starts its renewal when it is due. */
    String accessToken() {
        Token current = token;
        Instant now = clock.instant();
        if (now.isBefore(current.refreshAt())) {
            return current.access();
        }
        if (!now.isBefore(current.expiresAt())) {
            // no valid token left: renew before answering
            synchronized (this) {
                if (token == current) {
                    renew(current);
                }
                return token.access();
            }
        }
        if (renewing.compareAndSet(false, true)) {
            background.execute(() -> {
                try {
                    synchronized (this) {
                        if (token == current) {
                            renew(current);
                        }
                    }
                } catch (RuntimeException e) {
                    // the next caller past the expiry tries again, synchronously, and reports the failure
                } finally {
                    renewing.set(false);
                }
            });
        }
        return current.access();
    }

    private void renew(Token current) {
        Token renewed;
        try {
            renewed = current.refresh() == null ? passwordGrant() : grant(Map.of("grant_type", "refresh_token",
                    "client_id", clientId, "refresh_token", current.refresh()));
        } catch (RuntimeException refused) {
            // refresh token expired or the session ended: log in again
            renewed = passwordGrant();
        }
        token = renewed;
        renewals.increment();
    }

    private Token passwordGrant() {
        return grant(Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password));
    }

    private Token grant(Map<String, String> form) {
        Instant issued = clock.instant();
        JsonNode answer = grants.request(form);
        String access = answer.path("access_token").asString("");
        if (access.isEmpty()) {
            throw new IllegalStateException("the token endpoint answered without an access token for " + username);
        }
        long lifetime = Math.max(1, answer.path("expires_in").asLong(300));
        String refresh = answer.path("refresh_token").asString(null);
        return new Token(access, refresh, issued.plus(Duration.ofMillis(lifetime * 750)),
                issued.plusSeconds(lifetime));
    }
}
