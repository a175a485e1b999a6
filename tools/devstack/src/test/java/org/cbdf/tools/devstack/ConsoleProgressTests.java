package org.cbdf.tools.devstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleProgressTests {

	private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

	private final ConsoleProgress progress = new ConsoleProgress(new PrintStream(this.bytes, true, StandardCharsets.UTF_8));

	@Test
	void aSequentialStepIsReportedOnOneLine() {
		Progress.Step kafka = new Progress.Step(1, 8, "kafka");

		this.progress.starting(kafka, "127.0.0.1:9092");
		this.progress.ready(kafka, Duration.ofMillis(3120));

		assertThat(lines()).containsExactly("[ 1/8] kafka       starting on 127.0.0.1:9092 ... ready (3.1 s)");
	}

	@Test
	void parallelStepsReportReadinessOnLinesOfTheirOwn() {
		Progress.Step transfer = new Progress.Step(4, 7, "transfer");
		Progress.Step policy = new Progress.Step(5, 7, "policy");

		this.progress.starting(transfer, "http://127.0.0.1:8081");
		this.progress.starting(policy, "http://127.0.0.1:8082");
		this.progress.ready(transfer, Duration.ofSeconds(20));
		this.progress.ready(policy, Duration.ofSeconds(21));

		assertThat(lines()).containsExactly("[ 4/7] transfer    starting on http://127.0.0.1:8081 ...",
				"[ 5/7] policy      starting on http://127.0.0.1:8082 ...", "[ 4/7] transfer    ready (20.0 s)",
				"[ 5/7] policy      ready (21.0 s)");
	}

	@Test
	void anInterruptionEndsTheHalfWrittenLine() {
		this.progress.starting(new Progress.Step(2, 3, "postgres"), "127.0.0.1:15432");
		this.progress.interrupt();

		assertThat(this.bytes.toString(StandardCharsets.UTF_8)).endsWith("..." + System.lineSeparator());
	}

	private String[] lines() {
		return this.bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
	}

}
