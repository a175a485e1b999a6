package org.cbdf.transfer.request;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Unknown, or not the caller's to see: both are 404, so existence never leaks across organisations. */
class TransferNotFound extends ErrorResponseException {

    TransferNotFound(String id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(String id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No transfer " + id + ".");
        problem.setTitle("Transfer not found");
        return problem;
    }
}
