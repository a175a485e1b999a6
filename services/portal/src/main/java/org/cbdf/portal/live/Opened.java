package org.cbdf.portal.live;

import java.time.Duration;

import org.cbdf.portal.apis.ServiceUnavailable;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * How following went: a stream for the browser, nothing the user may follow, a token that ran out, a service that
 * cannot be reached, does not answer in time or whose circuit is open, or as many followed as may be.
 */
sealed interface Opened {

    record Streaming(SseEmitter emitter) implements Opened {
    }

    record NothingToFollow() implements Opened {
    }

    record Unauthorized() implements Opened {
    }

    /** @param retryAfter how long the circuit stays open, or the timeout waited */
    record Unavailable(ServiceUnavailable.Reason reason, Duration retryAfter) implements Opened {

        Unavailable(ServiceUnavailable unavailable) {
            this(unavailable.reason(), unavailable.waited());
        }
    }

    /**
     * The portal instance follows as many as it may of this kind, or the service refused the user's streams (as
     * many open as one user or the service may hold).
     */
    record Busy() implements Opened {
    }
}
