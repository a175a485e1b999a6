package org.cbdf.platform.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's behaviour that needs no running Keycloak. */
class KeycloakServerTests {

    @TempDir
    Path workDirectory;

    @Test
    void theIssuerIsFixedToTheLoopbackAddressAndTheChosenPort() {
        KeycloakServer keycloak = KeycloakServer.builder().workDirectory(workDirectory).port(8180).build();

        assertThat(keycloak.issuerUri()).isEqualTo("http://127.0.0.1:8180/realms/governance");
        assertThat(keycloak.tokenEndpoint()).isEqualTo("http://127.0.0.1:8180/realms/governance/protocol/openid-connect/token");
        assertThat(keycloak.managementPort()).isEqualTo(9180);
        assertThat(keycloak.logFile()).isEqualTo(workDirectory.toAbsolutePath().resolve("keycloak.log"));
        assertThat(keycloak.tokens().tokenEndpoint()).hasToString(keycloak.tokenEndpoint());
    }

    @Test
    void aTakenPortFailsFastNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            KeycloakServer keycloak = KeycloakServer.builder().workDirectory(workDirectory).port(port).build();

            assertThat(KeycloakServer.isPortFree(port)).isFalse();
            assertThatThrownBy(keycloak::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("already in use");
            assertThat(keycloak.isRunning()).isFalse();
        }
    }

    @Test
    void aMissingDistributionIsNamedInTheError() {
        Path missing = workDirectory.resolve("no-such-keycloak.zip");
        KeycloakServer keycloak = KeycloakServer.builder().workDirectory(workDirectory)
                .port(KeycloakServer.findFreePort()).managementPort(KeycloakServer.findFreePort())
                .distributionZip(missing).build();

        assertThatThrownBy(keycloak::start).hasMessageContaining(missing.toString());
    }

    @Test
    void theDistributionIsUnpackedOnceAndKeepsItsExecutableScripts() throws IOException {
        Path zip = fakeDistribution(workDirectory.resolve("keycloak-0.0.1.zip"));
        Path installs = workDirectory.resolve("installs");

        Path home = KeycloakDistribution.unpackOnce(zip, installs);
        Files.writeString(home.resolve("data-from-an-earlier-run"), "kept");
        Path again = KeycloakDistribution.unpackOnce(zip, installs);

        assertThat(home).isEqualTo(installs.resolve("keycloak-0.0.1"));
        assertThat(again).isEqualTo(home);
        assertThat(home.resolve("data-from-an-earlier-run")).hasContent("kept");
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/kc.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(home.resolve("lib/quarkus-run.jar")).hasContent("jar");
        try (var leftovers = Files.list(installs)) {
            assertThat(leftovers).as("no staging directory left behind").containsExactly(home);
        }
    }

    @Test
    void aServerThatDiesBeforeItIsReadyIsReportedWithTheEndOfItsLog() throws IOException {
        Path zip = fakeDistribution(workDirectory.resolve("keycloak-0.0.1.zip"));
        KeycloakServer keycloak = KeycloakServer.builder().workDirectory(workDirectory)
                .port(KeycloakServer.findFreePort()).managementPort(KeycloakServer.findFreePort())
                .distributionZip(zip).build();

        assertThatThrownBy(keycloak::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited with code 3")
                .hasMessageContaining("ERROR: port clash simulated")
                .hasMessageContaining(keycloak.logFile().toString());
        assertThat(keycloak.isRunning()).isFalse();
        assertThat(keycloak.home().resolve("data/import/governance-realm.json")).exists();
    }

    @Test
    void theVersionComesFromTheBuild() {
        assertThat(KeycloakDistribution.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    private static Path fakeDistribution(Path zip) throws IOException {
        try (FileSystem archive = FileSystems.newFileSystem(zip, Map.of("create", "true", "enablePosixFileAttributes", "true"))) {
            Path bin = Files.createDirectories(archive.getPath("/keycloak-0.0.1/bin"));
            Path script = Files.writeString(bin.resolve("kc.sh"),
                    "#!/bin/sh\necho \"ERROR: port clash simulated\"\nexit 3\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path lib = Files.createDirectories(archive.getPath("/keycloak-0.0.1/lib"));
            Files.writeString(lib.resolve("quarkus-run.jar"), "jar");
        }
        return zip;
    }
}
