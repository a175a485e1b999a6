package org.cbdf.tools.devstack;

import java.util.Locale;

/** What the start command prints once everything is up: where things are and how to use them. */
final class ReadyBanner {

	private ReadyBanner() {
	}

	static String render(LocalPlatform platform) {
		StringBuilder text = new StringBuilder();
		line(text, "");
		line(text, platform.runsServices() ? "The platform is up." : "The infrastructure is up (--infra-only: start the services yourself).");
		line(text, "");
		if (platform.runsServices()) {
			for (PlatformService service : platform.services()) {
				if (service.databaseName().isPresent()) {
					line(text, "  %-11s %-24s API docs %s/v3/api-docs   UI %s/swagger-ui.html   metrics %s/actuator/prometheus",
							service.name(), service.baseUrl(), service.baseUrl(), service.baseUrl(), service.managementUrl());
				}
				else { // the portal: a web UI for people, no API of its own
					line(text, "  %-11s %-24s log in with a demo user below   metrics %s/actuator/prometheus", service.name(),
							service.baseUrl(), service.managementUrl());
				}
			}
		}
		platform.keycloakBaseUrl()
			.ifPresent((url) -> line(text, "  %-11s %-24s issuer %s   admin console %s/admin (admin / admin)", "keycloak",
					url, platform.issuerUri(), url));
		line(text, "  %-11s %s   (SASL: services log in with their OAuth clients; administrator and secrets in %s)",
				"kafka", platform.kafkaBootstrapServers(), platform.secretsFile());
		line(text, "  %-11s %s   (superuser %s; per service: user = password = database name)", "postgres",
				platform.jdbcUrl("<database>"), PostgresServer.SUPERUSER);
		line(text, "  %-11s %s", "databases", String.join(", ", platform.services()
			.stream()
			.map(PlatformService::databaseName)
			.flatMap(java.util.Optional::stream)
			.toList()));
		line(text, "");
		if (!platform.runsServices()) {
			line(text, "  A service started from the IDE reads these variables, e.g. for %s:", platform.services().isEmpty() ? "a service" : platform.services().getFirst().name());
			platform.services().stream().findFirst().ifPresent((service) -> platform.environment(service)
				.forEach((name, value) -> line(text, "    %s=%s", name, value)));
			line(text, "");
		}
		if (platform.keycloakBaseUrl().isPresent()) {
			line(text, "  Demo users (password '%s'):", DemoUser.PASSWORD);
			line(text, "    %-15s %-13s %-13s %s", "user", "role", "organization", "jurisdiction");
			for (DemoUser user : DemoUser.ALL) {
				line(text, "    %-15s %-13s %-13s %s", user.username(), user.role(), user.organization(), user.jurisdiction());
			}
			line(text, "");
			line(text, "  Get a token:");
			line(text, "    curl -s -d grant_type=password -d client_id=govctl -d username=enterprise-cn -d password=%s %s/protocol/openid-connect/token",
					DemoUser.PASSWORD, platform.issuerUri());
			line(text, "");
		}
		line(text, "  Logs: %s", platform.logDirectory());
		line(text, "  Ctrl-C to stop.");
		return text.toString();
	}

	private static void line(StringBuilder text, String format, Object... arguments) {
		text.append(String.format(Locale.ROOT, format, arguments)).append(System.lineSeparator());
	}

}
