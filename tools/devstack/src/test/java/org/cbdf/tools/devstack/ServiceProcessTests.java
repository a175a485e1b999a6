package org.cbdf.tools.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ServiceProcessTests {

	@TempDir
	Path directory;

	@Test
	void aServiceIsReadyWhenTheReadinessProbeOnItsApiPortSaysSo() throws IOException {
		AtomicInteger readiness = new AtomicInteger(503);
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext(ServiceProcess.READINESS_PATH, (exchange) -> {
			exchange.sendResponseHeaders(readiness.get(), -1);
			exchange.close();
		});
		server.start();
		try {
			// nothing listens on the management port: the API port decides
			ServiceProcess process = process(PlatformService.backend("policy", server.getAddress().getPort())
				.withManagementPort(PortCheck.freePort()), List.of("true"));

			assertThat(process.isReady()).as("still starting (503)").isFalse();
			readiness.set(200);
			assertThat(process.isReady()).isTrue();
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void aServiceWithoutProbesIsReadyWhenTheHealthEndpointOnItsManagementPortSaysSo() throws IOException {
		HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		api.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
		});
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/actuator/health", (exchange) -> {
			int status = exchange.getRequestURI().getPath().equals(ServiceProcess.HEALTH_PATH) ? 200 : 404;
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		api.start();
		server.start();
		try {
			ServiceProcess process = process(PlatformService.backend("policy", api.getAddress().getPort())
				.withManagementPort(server.getAddress().getPort()), List.of("true"));

			assertThat(process.isReady()).isTrue();
		}
		finally {
			server.stop(0);
			api.stop(0);
		}
	}

	@Test
	void aServiceThatIsNotListeningIsNotReady() {
		ServiceProcess process = process(PlatformService.backend("policy", PortCheck.freePort()), List.of("true"));

		assertThat(process.isReady()).isFalse();
	}

	@Test
	void theChildGetsTheContractWithoutAnActiveProfileAndWritesIntoItsLog() throws Exception {
		ServiceProcess process = new ServiceProcess(PlatformService.backend("dispute", 8083),
				List.of("sh", "-c", "echo port=$SERVER_PORT profiles=${SPRING_PROFILES_ACTIVE:-none}"),
				Map.of("SERVER_PORT", "8083"), this.directory, this.directory.resolve("logs/dispute.log"));

		process.start();

		await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
		assertThat(process.logTail(5)).isEqualTo("port=8083 profiles=none");
	}

	@Test
	void stoppingEndsTheChild() throws Exception {
		ServiceProcess process = process(PlatformService.backend("audit", 8084), List.of("sleep", "60"));
		process.start();
		long pid = process.pid();

		process.stop();

		assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
		assertThat(process.isAlive()).isFalse();
	}

	@Test
	void theTailIsTheLastLinesOfTheLog() throws IOException {
		Path log = this.directory.resolve("transfer.log");
		Files.write(log, IntStream.rangeClosed(1, 100).mapToObj((n) -> "line " + n).toList());

		assertThat(ServiceProcess.tail(log, 3).lines()).containsExactly("line 98", "line 99", "line 100");
	}

	@Test
	void theTailSurvivesBytesThatAreNotUtf8() throws IOException {
		Path log = this.directory.resolve("transfer.log");
		try (OutputStream out = Files.newOutputStream(log)) {
			out.write(new byte[] { 'a', '\n', (byte) 0xff, 'b', '\n' });
		}

		assertThat(ServiceProcess.tail(log, 1)).isEqualTo("\u00ffb");
	}

	private ServiceProcess process(PlatformService service, List<String> command) {
		return new ServiceProcess(service, command, Map.of(), this.directory,
				this.directory.resolve(service.name() + ".log"));
	}

}
