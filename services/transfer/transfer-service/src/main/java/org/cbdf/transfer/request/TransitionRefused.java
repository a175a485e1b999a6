package org.cbdf.transfer.request;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A transition the transfer's current status does not allow: 409 naming the status. */
class TransitionRefused extends ErrorResponseException {

    TransitionRefused(TransferId id, TransferStatus status, String action) {
        super(HttpStatus.CONFLICT, problem(id, status, action), null);
    }

    private static ProblemDetail problem(TransferId id, TransferStatus status, String action) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Transfer " + id + " is " + status + " and cannot " + action + ".");
        problem.setTitle("Transition not allowed");
        problem.setProperty("currentStatus", status.name());
        return problem;
    }
}
