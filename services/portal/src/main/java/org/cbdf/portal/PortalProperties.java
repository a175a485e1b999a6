package org.cbdf.portal;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the services' APIs are; the portal has no data of its own. {@code auditPublicKey}, if set, is the
 * audit ledger's key the portal checks checkpoints against (a C2SP verifier key
 * {@code name+hash+base64(0x01‖key)}, or a PEM public key), obtained once over a channel the operator trusts;
 * without it the portal checks against the key the audit service publishes. {@code calls}: how long the portal
 * waits for a service and when it stops calling one that keeps failing; {@code live}: how live updates work where a
 * service has no event stream.
 */
@ConfigurationProperties("cbdf.portal")
public record PortalProperties(URI transferService, URI policyService, URI disputeService, URI auditService,
        String auditPublicKey, Calls calls, Live live) {

    public PortalProperties {
        if (auditPublicKey != null && auditPublicKey.isBlank()) {
            auditPublicKey = null;
        }
        if (calls == null) {
            calls = Calls.DEFAULTS;
        }
        if (live == null) {
            live = Live.DEFAULTS;
        }
    }

    /**
     * @param disputePoll        how often the portal reads a case a browser follows (the dispute service has no event
     *                           stream): the delay of a dispute page's live update, and one call per open page each time
     * @param maxTransferStreams how many lists (an inbox, a transfer search) one portal instance follows live at once,
     *                           each through one stream of the transfer service's {@code /api/v1/transfers/stream}
     */
    public record Live(Duration disputePoll, Integer maxTransferStreams) {

        static final Live DEFAULTS = new Live(null, null);

        public Live {
            disputePoll = positive(disputePoll, Duration.ofSeconds(5), "live.dispute-poll");
            if (maxTransferStreams == null) {
                maxTransferStreams = 500;
            } else if (maxTransferStreams < 1 || maxTransferStreams > 100_000) {
                throw new IllegalArgumentException(
                        "cbdf.portal.live.max-transfer-streams must be between 1 and 100000, was " + maxTransferStreams);
            }
        }
    }

    /**
     * @param connectTimeout how long to wait for a connection to a service
     * @param readTimeout    how long a call may take from sending the request to the end of the answer (a page
     *                       never waits longer for one service call); also how long opening a status stream may take
     * @param exportTimeout  the same for the audit export bundle, which the portal passes on as it arrives
     */
    public record Calls(Duration connectTimeout, Duration readTimeout, Duration exportTimeout, CircuitBreaker circuitBreaker) {

        static final Calls DEFAULTS = new Calls(null, null, null, null);

        public Calls {
            connectTimeout = positive(connectTimeout, Duration.ofSeconds(2), "calls.connect-timeout");
            readTimeout = positive(readTimeout, Duration.ofSeconds(10), "calls.read-timeout");
            exportTimeout = positive(exportTimeout, Duration.ofMinutes(5), "calls.export-timeout");
            if (circuitBreaker == null) {
                circuitBreaker = CircuitBreaker.DEFAULTS;
            }
        }
    }

    /**
     * One circuit breaker per service: once {@code failureRateThreshold} percent of the last {@code slidingWindow}
     * calls (at least {@code minimumCalls} of them) failed — no connection, no answer in time, a server error —
     * calls to that service fail at once for {@code openFor}; then {@code halfOpenCalls} trial calls decide whether
     * it is back.
     */
    public record CircuitBreaker(Integer failureRateThreshold, Integer slidingWindow, Integer minimumCalls, Duration openFor,
            Integer halfOpenCalls) {

        static final CircuitBreaker DEFAULTS = new CircuitBreaker(null, null, null, null, null);

        public CircuitBreaker {
            failureRateThreshold = between(failureRateThreshold, 50, 1, 100, "failure-rate-threshold");
            slidingWindow = between(slidingWindow, 20, 1, 1000, "sliding-window");
            minimumCalls = between(minimumCalls, 10, 1, 1000, "minimum-calls");
            openFor = positive(openFor, Duration.ofSeconds(30), "calls.circuit-breaker.open-for");
            halfOpenCalls = between(halfOpenCalls, 3, 1, 100, "half-open-calls");
        }
    }

    private static Duration positive(Duration value, Duration otherwise, String name) {
        if (value == null) {
            return otherwise;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("cbdf.portal." + name + " must be positive, was " + value);
        }
        return value;
    }

    private static int between(Integer value, int otherwise, int min, int max, String name) {
        if (value == null) {
            return otherwise;
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("cbdf.portal.calls.circuit-breaker." + name + " must be between " + min
                    + " and " + max + ", was " + value);
        }
        return value;
    }
}
