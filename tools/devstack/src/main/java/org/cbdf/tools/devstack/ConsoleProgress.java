package org.cbdf.tools.devstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Prints {@code [ 1/8] kafka       starting on 127.0.0.1:9092 ... ready (3.1 s)}. When another line was
 * printed in between (parallel steps), the readiness gets a line of its own.
 */
public final class ConsoleProgress implements Progress {

	private final PrintStream out;

	private Step openLine;

	public ConsoleProgress(PrintStream out) {
		this.out = out;
	}

	@Override
	public synchronized void starting(Step step, String address) {
		closeOpenLine();
		this.out.print(prefix(step) + "starting on " + address + " ...");
		this.out.flush();
		this.openLine = step;
	}

	@Override
	public synchronized void ready(Step step, Duration took) {
		String seconds = String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
		if (step.equals(this.openLine)) {
			this.out.println(" ready (" + seconds + ")");
			this.openLine = null;
		}
		else {
			closeOpenLine();
			this.out.println(prefix(step) + "ready (" + seconds + ")");
		}
	}

	/** Ends a half-written line before something else (an error) is printed. */
	public synchronized void interrupt() {
		closeOpenLine();
	}

	private void closeOpenLine() {
		if (this.openLine != null) {
			this.out.println();
			this.openLine = null;
		}
	}

	static String prefix(Step step) {
		int width = Math.max(2, String.valueOf(step.total()).length());
		return String.format(Locale.ROOT, "[%" + width + "d/%d] %-11s ", step.number(), step.total(), step.name());
	}

}
