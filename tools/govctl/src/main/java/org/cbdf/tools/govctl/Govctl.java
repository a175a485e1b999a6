package org.cbdf.tools.govctl;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * govctl, the command line of the platform for enterprises. New command groups (e.g. {@code audit}) are
 * added as subcommands here; they get the global options ({@code --api}, {@code --output},
 * {@code --config-dir}) and the exit codes of {@link ExitCodes} by throwing {@link GovctlException}.
 */
@Command(name = "govctl", mixinStandardHelpOptions = true, versionProvider = Govctl.Version.class,
        description = "Submit and follow cross-border transfers, and verify audit exports offline, from the command line.",
        subcommands = { LoginCommand.class, LogoutCommand.class, TransferCommand.class,
                org.cbdf.audit.verifier.AuditCommand.class,
                CommandLine.HelpCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done", "1:usage error (unknown command or option, unreadable file)",
                "2:not found (or not yours to see)", "3:refused by the platform (the problem is printed)",
                "4:not logged in, login expired or refused", "5:API or identity provider unreachable" },
        footer = { "", "Environment: GOVCTL_API (default http://127.0.0.1:8081), GOVCTL_ISSUER, GOVCTL_CONFIG_DIR "
                + "(default ~/.config/govctl)." })
public class Govctl {

    static final String DEFAULT_API = "http://127.0.0.1:8081";
    static final String DEFAULT_ISSUER = "http://127.0.0.1:8180/realms/governance";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--api", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The transfer service (default: $GOVCTL_API or " + DEFAULT_API + ").")
    URI api;

    @Option(names = { "-o", "--output" }, scope = ScopeType.INHERIT, paramLabel = "text|json",
            description = "text for people (default), json for scripts: the API's answer as it is.")
    Output output = Output.text;

    @Option(names = "--config-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where the login is cached (default: $GOVCTL_CONFIG_DIR or ~/.config/govctl).")
    Path configDir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    Clock clock = Clock.systemUTC();
    Keycloak.Sleeper sleeper = Thread::sleep;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs one command line; the exit code of {@link ExitCodes}. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        return commandLine(new Govctl(), out, err).execute(args);
    }

    static CommandLine commandLine(Govctl govctl, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(govctl);
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ex, args) -> {
            PrintWriter writer = ex.getCommandLine().getErr();
            writer.println("error: " + ex.getMessage());
            writer.println("usage: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter writer = cmd.getErr();
            if (ex instanceof GovctlException known) {
                writer.println("error: " + known.getMessage());
                return known.exitCode();
            }
            writer.println("error: " + ex);
            return ExitCodes.USAGE;
        });
        return commandLine;
    }

    URI api() {
        if (api != null) {
            return api;
        }
        String fromEnvironment = System.getenv("GOVCTL_API");
        return URI.create(fromEnvironment == null || fromEnvironment.isBlank() ? DEFAULT_API : fromEnvironment);
    }

    Path configDir() {
        if (configDir != null) {
            return configDir;
        }
        String fromEnvironment = System.getenv("GOVCTL_CONFIG_DIR");
        return fromEnvironment == null || fromEnvironment.isBlank()
                ? Path.of(System.getProperty("user.home"), ".config", "govctl") : Path.of(fromEnvironment);
    }

    TokenStore tokens() {
        return new TokenStore(configDir(), clock);
    }

    Keycloak keycloak() {
        return new Keycloak(http, clock, sleeper);
    }

    Api client() {
        TokenStore tokens = tokens();
        Keycloak keycloak = keycloak();
        return new Api(api(), http, () -> tokens.accessToken(keycloak));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Govctl.class.getPackage().getImplementationVersion();
            return new String[] { "govctl " + (version == null ? "(development build)" : version) };
        }
    }
}
