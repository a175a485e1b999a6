package org.cbdf.transfer.live.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A stream over the caller's or the replica's cap ({@link StatusFeedLimits}): 429, to retry once one has closed. */
class StatusFeedsBusy extends ErrorResponseException {

    static final long RETRY_AFTER_SECONDS = 30;

    StatusFeedsBusy(String detail) {
        super(HttpStatus.TOO_MANY_REQUESTS, problem(detail), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER_SECONDS));
    }

    private static ProblemDetail problem(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                detail + " Close one, or retry in " + RETRY_AFTER_SECONDS + " s.");
        problem.setTitle("Too many status streams");
        problem.setProperty("retryAfterSeconds", RETRY_AFTER_SECONDS);
        return problem;
    }
}
