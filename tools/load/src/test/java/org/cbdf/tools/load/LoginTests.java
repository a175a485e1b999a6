package org.cbdf.tools.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LoginTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    Instant now = Instant.parse("2026-11-29T10:00:00Z");
    final InstantSource clock = () -> now;
    final List<String> grants = new ArrayList<>();
    boolean refusingRefresh;
    int issued;

    JsonNode answer(Map<String, String> form) {
        String grant = form.get("grant_type");
        grants.add(grant);
        if (grant.equals("refresh_token") && refusingRefresh) {
            throw new IllegalStateException("invalid_grant (Session not active)");
        }
        issued++;
        String payload = "{\"organization\":\"acme-cn\",\"jurisdiction\":\"CN\",\"n\":" + issued + "}";
        String jwt = "e30." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig";
        return JSON.readTree("{\"access_token\":\"" + jwt + "\",\"expires_in\":900,\"refresh_token\":\"r" + issued + "\"}");
    }

    Login login() {
        return new Login(this::answer, "govctl", "enterprise-cn", "demo", clock, Runnable::run);
    }

    @Test
    void theOrganisationAndJurisdictionComeFromTheToken() {
        Login login = login();

        assertThat(login.organization()).isEqualTo("acme-cn");
        assertThat(login.jurisdiction()).isEqualTo("CN");
        assertThat(grants).containsExactly("password");
    }

    @Test
    void theTokenIsRenewedWithTheRefreshTokenBeforeItExpires() {
        Login login = login();
        String first = login.accessToken();

        now = now.plus(Duration.ofSeconds(674));
        assertThat(login.accessToken()).isEqualTo(first);
        now = now.plus(Duration.ofSeconds(2));
        login.accessToken();

        assertThat(grants).containsExactly("password", "refresh_token");
        assertThat(login.accessToken()).isNotEqualTo(first);
        assertThat(login.renewals()).isEqualTo(1);
    }

    @Test
    void aRefusedRefreshLogsInAgain() {
        Login login = login();
        refusingRefresh = true;

        now = now.plus(Duration.ofSeconds(800));
        login.accessToken();

        assertThat(grants).containsExactly("password", "refresh_token", "password");
    }

    @Test
    void anExpiredTokenIsNeverHandedOut() {
        Login login = new Login(this::answer, "govctl", "enterprise-cn", "demo", clock, task -> {
            // background renewal never runs: only the synchronous path can help
        });
        String first = login.accessToken();

        now = now.plus(Duration.ofSeconds(901));

        assertThat(login.accessToken()).isNotEqualTo(first);
    }
}
