package org.cbdf.tools.devstack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlatformServiceTests {

	@Test
	void theDefaultTableListsTheServicesOnTheirFixedPortsEachBackendWithItsOwnDatabase() {
		assertThat(PlatformService.DEFAULTS).extracting(PlatformService::name, PlatformService::port,
				PlatformService::database)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("transfer", 8081, "transfer"),
					org.assertj.core.groups.Tuple.tuple("policy", 8082, "policy"),
					org.assertj.core.groups.Tuple.tuple("dispute", 8083, "dispute"),
					org.assertj.core.groups.Tuple.tuple("audit", 8084, "audit"),
					org.assertj.core.groups.Tuple.tuple("portal", 8080, null));
		assertThat(PlatformService.DEFAULTS.getLast().jar(Path.of("/repo")))
			.isEqualTo(Path.of("/repo/services/portal/target/portal-0.1.0-SNAPSHOT.jar"));
	}

	@Test
	void aServiceJarIsWhereMavenPackagesIt() {
		PlatformService transfer = PlatformService.backend("transfer", 8081);

		assertThat(transfer.jar(Path.of("/repo")))
			.isEqualTo(Path.of("/repo/services/transfer/transfer-service/target/transfer-service-0.1.0-SNAPSHOT.jar"));
		assertThat(transfer.buildCommand()).isEqualTo("./mvnw -DskipTests install -pl services/transfer/transfer-service -am");
	}

	@Test
	void aStatelessServiceSuchAsThePortalHasNoDatabase() {
		PlatformService portal = new PlatformService("portal", 8080, "services/portal", null);

		assertThat(portal.databaseName()).isEmpty();
		assertThat(portal.jar(Path.of("/repo"))).isEqualTo(Path.of("/repo/services/portal/target/portal-0.1.0-SNAPSHOT.jar"));
	}

	@Test
	void aTestMovesAServiceToAnotherPortKeepingTheRest() {
		PlatformService moved = PlatformService.DEFAULTS.getFirst().withPort(18081);

		assertThat(moved.port()).isEqualTo(18081);
		assertThat(moved.baseUrl()).isEqualTo("http://127.0.0.1:18081");
		assertThat(moved.database()).isEqualTo("transfer");
	}

	@Test
	void theActuatorListensAThousandAboveTheApiUnlessMovedOnItsOwn() {
		assertThat(PlatformService.DEFAULTS).extracting(PlatformService::managementPort)
			.containsExactly(9081, 9082, 9083, 9084, 9080);
		PlatformService moved = PlatformService.DEFAULTS.getFirst().withPort(18081).withManagementPort(19999);

		assertThat(moved.port()).isEqualTo(18081);
		assertThat(moved.managementUrl()).isEqualTo("http://127.0.0.1:19999");
	}

	@Test
	void aPortOutsideTheTcpRangeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> PlatformService.backend("transfer", 70000))
			.withMessageContaining("transfer");
	}

}
