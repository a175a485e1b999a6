package org.cbdf.portal.apis;

import java.time.Duration;

import org.springframework.http.HttpStatus;

/**
 * A service the portal called did not answer as a service should: it could not be reached, it did not answer in
 * time, its answer could not be read, or its circuit is open after repeated failures (the portal then does not
 * call it at all). The portal shows a page saying so ({@link ServiceOutages}) instead of waiting any longer.
 */
public final class ServiceUnavailable extends RuntimeException {

    /** Why, and the status the portal answers with. */
    public enum Reason {
        /** no connection (refused, unknown host, reset before an answer): the request did not reach it */
        UNREACHABLE(HttpStatus.BAD_GATEWAY),
        /** no connection, or no complete answer, within the configured time */
        TIMEOUT(HttpStatus.GATEWAY_TIMEOUT),
        /** it answered, but not in a form the portal can read */
        BAD_ANSWER(HttpStatus.BAD_GATEWAY),
        /** it answered a read with a server error (5xx) */
        SERVER_ERROR(HttpStatus.BAD_GATEWAY),
        /** it failed repeatedly: not called at all until its circuit closes again */
        CIRCUIT_OPEN(HttpStatus.SERVICE_UNAVAILABLE);

        private final HttpStatus status;

        Reason(HttpStatus status) {
            this.status = status;
        }

        public HttpStatus status() {
            return status;
        }
    }

    private final Downstream service;
    private final Reason reason;
    private final Duration waited;
    private final boolean change;

    /**
     * @param waited how long the portal waited (the timeout), or how long the circuit stays open
     * @param change whether the failed call was a change (whose fate is unknown when it timed out)
     */
    ServiceUnavailable(Downstream service, Reason reason, Duration waited, boolean change, Throwable cause) {
        super(service.breakerName() + " " + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (cause == null ? "" : ": " + cause), cause, false, false);
        this.service = service;
        this.reason = reason;
        this.waited = waited;
        this.change = change;
    }

    /**
     * Whether what the user asked for may have been recorded all the same: a change that reached the service but
     * got no (readable) answer. A refused connection or an open circuit never reached it.
     */
    public boolean mayHaveBeenRecorded() {
        return change && (reason == Reason.TIMEOUT || reason == Reason.BAD_ANSWER);
    }

    public Downstream service() {
        return service;
    }

    public Reason reason() {
        return reason;
    }

    public Duration waited() {
        return waited;
    }
}
