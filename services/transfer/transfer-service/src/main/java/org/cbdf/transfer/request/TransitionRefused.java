package org.cbdf.transfer.request;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A transition the transfer's current status does not allow: 409 naming the status. */
class TransitionRefused extends ErrorResponseException {

    TransitionRefused(TransferId id, TransferStatus status, String action) {
        this(id, status, "Transfer " + id + " is " + status + " and cannot " + action + ".", "Transition not allowed");
    }

    TransitionRefused(TransferId id, TransferStatus status, String detail, String title) {
        super(HttpStatus.CONFLICT, problem(status, detail, title), null);
    }

    private static ProblemDetail problem(TransferStatus status, String detail, String title) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle(title);
        problem.setProperty("currentStatus", status.name());
        return problem;
    }
}
