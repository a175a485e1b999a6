package org.cbdf.tools.devstack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

class DevStackCommandTests {

	private final DevStackCommand command = new DevStackCommand(System.out, System.err);

	@Test
	void theDataFolderDefaultsToDotLocalInTheRepository() {
		new CommandLine(this.command).parseArgs("--repo-root", "/repo");

		assertThat(this.command.resolvedDataDirectory(null)).isEqualTo(Path.of("/repo/.local"));
	}

	@Test
	void theEnvironmentVariableMovesTheDataFolder() {
		new CommandLine(this.command).parseArgs("--repo-root", "/repo");

		assertThat(this.command.resolvedDataDirectory("/var/cbdf")).isEqualTo(Path.of("/var/cbdf"));
	}

	@Test
	void theFlagWinsOverTheEnvironmentVariable() {
		new CommandLine(this.command).parseArgs("--data-dir", "/tmp/stack", "--infra-only");

		assertThat(this.command.resolvedDataDirectory("/var/cbdf")).isEqualTo(Path.of("/tmp/stack"));
		assertThat(this.command.infraOnly).isTrue();
	}

}
