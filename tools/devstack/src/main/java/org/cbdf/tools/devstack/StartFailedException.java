package org.cbdf.tools.devstack;

/** The local stack could not start; what was started has been stopped again. */
public final class StartFailedException extends RuntimeException {

	public StartFailedException(String message) {
		super(message);
	}

	public StartFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
