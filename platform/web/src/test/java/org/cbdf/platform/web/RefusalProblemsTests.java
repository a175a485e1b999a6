package org.cbdf.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** Every service answers a domain refusal alike: one kind, one status and title; its own title and ids on top. */
class RefusalProblemsTests {

    @Test
    void eachKindHasItsStatusAndTitle() {
        assertThat(ApiProblems.problemFor(Refusal.notAllowed("only the parties")))
                .extracting(ProblemDetail::getStatus, ProblemDetail::getTitle, ProblemDetail::getDetail)
                .containsExactly(403, "Not allowed", "only the parties");
        assertThat(ApiProblems.problemFor(Refusal.conflict("closed")))
                .extracting(ProblemDetail::getStatus, ProblemDetail::getTitle).containsExactly(409, "Not possible now");
        assertThat(ApiProblems.problemFor(Refusal.stale("changed since"))).extracting(ProblemDetail::getStatus)
                .isEqualTo(412);
    }

    @Test
    void anInvalidCommandNamesTheFieldLikeEveryValidationFailure() {
        ProblemDetail problem = ApiProblems.problemFor(Refusal.invalid("reason", "must not be blank"));

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getTitle()).isEqualTo("Invalid request");
        assertThat(problem.getProperties()).containsEntry("errors",
                List.of(new FieldError("reason", "must not be blank")));
    }

    @Test
    void anInvalidCommandMayNameSeveralFields() {
        List<FieldError> errors = List.of(new FieldError("from", "must not be after to"),
                new FieldError("limit", "must be at most 1000"));

        ProblemDetail problem = ApiProblems.problemFor(Refusal.invalid(errors));

        assertThat(problem.getDetail()).isEqualTo("from: must not be after to; limit: must be at most 1000");
        assertThat(problem.getProperties()).containsEntry("errors", errors);
    }

    @Test
    void anUnknownSubjectSaysWhichOne() {
        UUID id = UUID.randomUUID();

        ProblemDetail problem = ApiProblems.problemFor(
                Refusal.notFound("Dispute not found", "disputeId", id, "No dispute " + id + " that you may see."));

        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getTitle()).isEqualTo("Dispute not found");
        assertThat(problem.getProperties()).isEqualTo(Map.of("disputeId", id.toString()));
    }
}
