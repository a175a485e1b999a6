package org.cbdf.audit.ledger;

import java.util.List;

import org.cbdf.platform.web.ApiProblems;
import org.cbdf.platform.web.FieldError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request the ledger cannot answer as asked: a bad parameter (400), or something that does not exist (404, 409). */
public class LedgerRefusal extends ErrorResponseException {

    private LedgerRefusal(HttpStatus status, ProblemDetail problem) {
        super(status, problem, null);
    }

    public static LedgerRefusal invalid(String field, String reason) {
        return new LedgerRefusal(HttpStatus.BAD_REQUEST, ApiProblems.invalid(List.of(new FieldError(field, reason))));
    }

    public static LedgerRefusal notFound(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Not found");
        return new LedgerRefusal(HttpStatus.NOT_FOUND, problem);
    }

    /** 429: more of something under way than the service takes at once; {@code Retry-After} says when to try again. */
    public static LedgerRefusal tooMany(String detail, long retryAfterSeconds) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                detail + " Retry in " + retryAfterSeconds + " s.");
        problem.setTitle("Too many at once");
        problem.setProperty("retryAfterSeconds", retryAfterSeconds);
        LedgerRefusal refusal = new LedgerRefusal(HttpStatus.TOO_MANY_REQUESTS, problem);
        refusal.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return refusal;
    }

    public static LedgerRefusal conflict(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Not possible now");
        return new LedgerRefusal(HttpStatus.CONFLICT, problem);
    }
}
