package org.cbdf.policy.assessment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No assessment the caller may see: absent and not-yours look the same, so nothing leaks. */
class AssessmentNotFoundException extends ErrorResponseException {

    AssessmentNotFoundException(String transferId) {
        super(HttpStatus.NOT_FOUND, problem(transferId), null);
    }

    private static ProblemDetail problem(String transferId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No assessment of transfer " + transferId + " that you may see.");
        problem.setTitle("Assessment not found");
        return problem;
    }
}
