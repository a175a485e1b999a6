package org.cbdf.platform.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** The token lacks a claim the operation needs: the caller is authenticated but cannot act. */
public class MissingClaimException extends ErrorResponseException {

    public MissingClaimException(String claim) {
        super(HttpStatus.FORBIDDEN, problem(claim), null);
    }

    private static ProblemDetail problem(String claim) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "The access token carries no '" + claim + "' claim; ask the administrator to set it on your account.");
        problem.setTitle("Missing claim");
        problem.setProperty("claim", claim);
        return problem;
    }
}
