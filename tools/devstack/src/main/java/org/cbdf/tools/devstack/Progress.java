package org.cbdf.tools.devstack;

import java.time.Duration;

/**
 * What the local stack tells its user while it starts. Steps are numbered 1..total; a step's
 * {@link #ready} may come after other steps started (the services start in parallel).
 */
public interface Progress {

	/** Reports nothing: for tests that start the platform in-process. */
	Progress SILENT = new Progress() {
		@Override
		public void starting(Step step, String address) {
		}

		@Override
		public void ready(Step step, Duration took) {
		}
	};

	void starting(Step step, String address);

	void ready(Step step, Duration took);

	/** A numbered part of the start-up, e.g. {@code 1/8 kafka}. */
	record Step(int number, int total, String name) {
	}

}
