package org.cbdf.dispute.parties.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The transfer is unknown here, its parties are not known yet, or the caller may not see it. The three are
 * indistinguishable on purpose: a caller learns nothing about transfers that are not theirs.
 */
class TransferNotFound extends ErrorResponseException {

    TransferNotFound(String transferId) {
        super(HttpStatus.NOT_FOUND, problem(transferId), null);
    }

    private static ProblemDetail problem(String transferId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No transfer '" + transferId + "' that you may see is known to the dispute service.");
        problem.setTitle("Transfer not found");
        problem.setProperty("transferId", transferId);
        return problem;
    }
}
