package org.cbdf.tools.govctl;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = { "Log in to the governance realm and cache the token (0600).",
        "Password grant by default (prompts for the password, or --password-stdin); --device shows a code to "
                + "confirm in a browser instead." })
class LoginCommand implements Callable<Integer> {

    @ParentCommand
    Govctl govctl;

    @Option(names = "--issuer", paramLabel = "URL",
            description = "The realm (default: $GOVCTL_ISSUER or " + Govctl.DEFAULT_ISSUER + ").")
    URI issuer;

    @Option(names = "--client-id", defaultValue = "govctl", description = "The OAuth client (default: ${DEFAULT-VALUE}).")
    String clientId;

    @Option(names = { "-u", "--username" }, description = "Who logs in (asked for if missing).")
    String username;

    @Option(names = "--password-stdin", description = "Read the password from standard input (for scripts).")
    boolean passwordStdin;

    @Option(names = "--device", description = "Device grant: confirm the login in a browser.")
    boolean device;

    @Override
    public Integer call() {
        URI realm = issuer != null ? issuer : URI.create(environmentOr("GOVCTL_ISSUER", Govctl.DEFAULT_ISSUER));
        TokenStore.Token token;
        if (device) {
            token = govctl.keycloak().device(realm, clientId, govctl.err());
        } else {
            String user = username != null ? username : prompt("Username: ");
            token = govctl.keycloak().password(realm, clientId, user, password());
        }
        TokenStore tokens = govctl.tokens();
        tokens.save(token);
        JsonNode claims = token.claims();
        if (govctl.output == Output.json) {
            govctl.out().println(Api.JSON.writeValueAsString(Api.JSON.createObjectNode()
                    .put("username", claims.path("preferred_username").asString(""))
                    .put("organization", claims.path("organization").asString(""))
                    .put("jurisdiction", claims.path("jurisdiction").asString(""))
                    .put("issuer", realm.toString())
                    .put("expiresAt", token.expiresAt().toString())
                    .put("tokenFile", tokens.file().toString())));
        } else {
            String who = claims.path("preferred_username").asString("?");
            String of = claims.hasNonNull("organization") ? " (" + claims.get("organization").asString() + ")"
                    : claims.hasNonNull("jurisdiction") ? " (regulator of " + claims.get("jurisdiction").asString() + ")"
                    : "";
            govctl.out().printf("Logged in as %s%s at %s; token cached in %s%n", who, of, realm, tokens.file());
        }
        return ExitCodes.OK;
    }

    private String password() {
        if (passwordStdin) {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isEmpty()) {
                    throw GovctlException.usage("--password-stdin: standard input had no password");
                }
                return line;
            } catch (IOException e) {
                throw GovctlException.usage("--password-stdin: " + e.getMessage());
            }
        }
        Console console = System.console();
        if (console == null) {
            throw GovctlException.usage("no terminal to ask for the password: use --password-stdin or --device");
        }
        char[] password = console.readPassword("Password: ");
        if (password == null || password.length == 0) {
            throw GovctlException.usage("no password given");
        }
        return new String(password);
    }

    private static String prompt(String question) {
        Console console = System.console();
        if (console == null) {
            throw GovctlException.usage("no terminal to ask for the username: use --username");
        }
        String answer = console.readLine(question);
        if (answer == null || answer.isBlank()) {
            throw GovctlException.usage("no username given");
        }
        return answer.strip();
    }

    static String environmentOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
