package org.cbdf.policy.review.web;

import org.cbdf.platform.web.ApiProblems;
import org.cbdf.policy.review.ReviewException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The procedure's refusals as RFC 9457 problem documents. */
final class ReviewProblems {

    private ReviewProblems() {
    }

    static ResponseEntity<ProblemDetail> of(ReviewException refusal) {
        ProblemDetail problem = switch (refusal.kind()) {
            case INVALID -> ApiProblems.invalid(refusal.errors());
            case NOT_FOUND -> problem(HttpStatus.NOT_FOUND, "Not found", refusal.getMessage());
            case NOT_ALLOWED -> problem(HttpStatus.FORBIDDEN, "Not allowed", refusal.getMessage());
            case CONFLICT -> {
                ProblemDetail conflict = problem(HttpStatus.CONFLICT, "Not possible now", refusal.getMessage());
                if (refusal.currentStatus() != null) {
                    conflict.setProperty("currentStatus", refusal.currentStatus());
                }
                yield conflict;
            }
        };
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
