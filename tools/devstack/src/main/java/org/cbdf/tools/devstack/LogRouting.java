package org.cbdf.tools.devstack;

import java.net.URL;
import java.nio.file.Path;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.util.StatusPrinter2;
import org.slf4j.LoggerFactory;

/**
 * Points the start command's logging at the data folder: Kafka and PostgreSQL INFO into
 * {@code kafka.log} and {@code postgres.log}, only warnings and errors on the console. Not done by a
 * {@code logback.xml} on the classpath because a test that depends on this module keeps its own.
 */
final class LogRouting {

	private static final String CONFIGURATION = "devstack-logback.xml";

	private LogRouting() {
	}

	static void routeTo(Path logDirectory) {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		URL configuration = LogRouting.class.getResource(CONFIGURATION);
		if (configuration == null) {
			throw new IllegalStateException(CONFIGURATION + " is missing from the classpath");
		}
		context.reset();
		context.putProperty("devstack.log-dir", logDirectory.toAbsolutePath().toString());
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(context);
		try {
			configurator.doConfigure(configuration);
		}
		catch (JoranException ex) {
			new StatusPrinter2().printInCaseOfErrorsOrWarnings(context);
			throw new IllegalStateException("could not configure logging from " + configuration, ex);
		}
	}

}
