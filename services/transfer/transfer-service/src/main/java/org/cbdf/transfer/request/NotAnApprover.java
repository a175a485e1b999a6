package org.cbdf.transfer.request;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A regulator who may read the transfer but whose jurisdiction is not among the required approvals: 403. */
class NotAnApprover extends ErrorResponseException {

    NotAnApprover(TransferId id, String jurisdiction) {
        super(HttpStatus.FORBIDDEN, problem(id, jurisdiction), null);
    }

    private static ProblemDetail problem(TransferId id, String jurisdiction) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, "Transfer " + id
                + " does not need the approval of " + jurisdiction + "; only a required approver may decide.");
        problem.setTitle("Not a required approver");
        return problem;
    }
}
