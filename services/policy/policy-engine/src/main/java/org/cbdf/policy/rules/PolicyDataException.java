package org.cbdf.policy.rules;

/** The shipped policy data (rule packs, adequacy decisions, blocs) is malformed: the service must not start. */
public class PolicyDataException extends RuntimeException {

    public PolicyDataException(String message) {
        super(message);
    }

    public PolicyDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
