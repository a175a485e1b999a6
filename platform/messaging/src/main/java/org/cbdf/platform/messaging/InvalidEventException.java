package org.cbdf.platform.messaging;

/**
 * A consumed message that can never be handled: malformed envelope, unknown type or version, payload that
 * does not match its schema, or a claim the consumer refuses. Retrying cannot help, so bindings list this
 * exception as not retryable and the binder sends the message to the dead-letter topic with this message
 * as the reason.
 */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
