package org.cbdf.policy.assessment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No policy version with that hash was ever in force. */
class PolicyVersionNotFoundException extends ErrorResponseException {

    PolicyVersionNotFoundException(String version) {
        super(HttpStatus.NOT_FOUND, problem(version), null);
    }

    private static ProblemDetail problem(String version) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Policy version " + version + " was never in force here.");
        problem.setTitle("Policy version not found");
        return problem;
    }
}
