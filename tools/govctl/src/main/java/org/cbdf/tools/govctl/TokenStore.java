package org.cbdf.tools.govctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cached login: {@code token.json} in the config directory ({@code ~/.config/govctl}), readable by its
 * owner only (0600). An expired access token is renewed with the refresh token; when that has expired too
 * the user logs in again.
 */
class TokenStore {

    static final String FILE = "token.json";
    static final Duration EARLY = Duration.ofSeconds(30);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What is cached: where the token came from, the tokens and when they expire. */
    record Token(String issuer, String clientId, String accessToken, Instant expiresAt, String refreshToken,
            Instant refreshExpiresAt) {

        static Token from(String issuer, String clientId, JsonNode response, Instant now) {
            JsonNode refresh = response.get("refresh_token");
            JsonNode refreshExpires = response.get("refresh_expires_in");
            return new Token(issuer, clientId, response.get("access_token").asString(),
                    now.plusSeconds(response.path("expires_in").asLong(60)),
                    refresh == null || refresh.isNull() ? null : refresh.asString(),
                    refreshExpires == null || refreshExpires.asLong() == 0 ? null
                            : now.plusSeconds(refreshExpires.asLong()));
        }

        /** The access token's claims, for showing who is logged in. */
        JsonNode claims() {
            String[] parts = accessToken.split("\\.");
            if (parts.length < 2) {
                return JSON.createObjectNode();
            }
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        }
    }

    private final Path directory;
    private final Clock clock;

    TokenStore(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    Path file() {
        return directory.resolve(FILE);
    }

    void save(Token token) {
        try {
            Files.createDirectories(directory);
            Path temporary = directory.resolve(FILE + ".tmp");
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(temporary);
            } catch (FileAlreadyExistsException raced) {
                throw new GovctlException(ExitCodes.USAGE, "another govctl login is writing " + temporary);
            }
            Files.writeString(temporary, JSON.writeValueAsString(token));
            Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(), e);
        }
    }

    Optional<Token> load() {
        if (!Files.isRegularFile(file())) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readString(file()), Token.class));
        } catch (IOException | RuntimeException unreadable) {
            throw GovctlException.auth("the cached login in " + file() + " is unreadable; run: govctl login");
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file(), e);
        }
    }

    /** A valid access token, renewed through the identity provider if it is about to expire. */
    String accessToken(Keycloak keycloak) {
        Token token = load().orElseThrow(() -> GovctlException.auth("not logged in; run: govctl login"));
        Instant now = clock.instant();
        if (token.expiresAt().isAfter(now.plus(EARLY))) {
            return token.accessToken();
        }
        if (token.refreshToken() == null || (token.refreshExpiresAt() != null
                && !token.refreshExpiresAt().isAfter(now.plus(EARLY)))) {
            throw GovctlException.auth("the login has expired; run: govctl login");
        }
        Token renewed = keycloak.refresh(URI.create(token.issuer()), token.clientId(), token.refreshToken());
        save(renewed);
        return renewed.accessToken();
    }
}
