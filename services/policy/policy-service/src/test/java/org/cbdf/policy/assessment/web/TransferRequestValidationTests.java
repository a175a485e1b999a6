package org.cbdf.policy.assessment.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cbdf.policy.testdata.TransferRequests.aTransfer;

import org.cbdf.platform.web.FieldError;
import org.cbdf.policy.testdata.TransferRequests;
import org.cbdf.transfer.events.TransferRequest;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The bound on counts, as the transfer service applies it, on a dry run's body. */
class TransferRequestValidationTests {

    static final long MAX = TransferRequest.DataSubjects.MAX_COUNT;
    static final JsonMapper json = JsonMapper.builder().build();

    /** As the dry run reads it: from JSON (the builder's immutable sets refuse contains(null)). */
    static TransferRequest read(TransferRequests request) {
        return json.readValue(json.writeValueAsString(request.build()), TransferRequest.class);
    }

    @Test
    void countsUpToTheBoundAreValid() {
        assertThat(TransferRequestValidation.validate(read(aTransfer().individuals(MAX).sensitive(MAX)))).isEmpty();
    }

    @Test
    void aCountOverTheBoundIsRefusedNamingTheField() {
        assertThat(TransferRequestValidation.validate(read(aTransfer().individuals(MAX + 1))))
                .containsExactly(new FieldError("dataSubjects.count", "must be at most 2000000000, was 2000000001"));
        assertThat(TransferRequestValidation.validate(read(aTransfer().individuals(MAX + 1).sensitive(MAX + 1))))
                .extracting(FieldError::field).containsExactly("dataSubjects.count", "dataSubjects.sensitiveCount");
    }
}
