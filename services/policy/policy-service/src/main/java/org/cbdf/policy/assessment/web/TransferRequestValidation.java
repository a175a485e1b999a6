package org.cbdf.policy.assessment.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.cbdf.platform.web.FieldError;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferRequestRules;

import tools.jackson.databind.JsonNode;

/**
 * The producer's rules for a transfer request ({@link TransferRequestRules}, in transfer-events), applied to a dry
 * run's body (the messaging adapter applies them to a consumed submission). Nothing of the rules is the policy
 * service's own; this class only says what the text showed missing. Unknown enum values and malformed JSON are
 * refused earlier, when the body is read.
 */
final class TransferRequestValidation {

    private TransferRequestValidation() {
    }

    /**
     * The numbers a body left out: binding reads them as 0, so only the JSON tree shows they are missing. Checked
     * before it is bound.
     */
    static Set<String> absentNumbers(JsonNode body) {
        Set<String> absent = new LinkedHashSet<>();
        JsonNode subjects = body.get("dataSubjects");
        if (subjects != null && subjects.isObject()) {
            for (String field : List.of(TransferRequestRules.DATA_SUBJECTS_COUNT,
                    TransferRequestRules.DATA_SUBJECTS_SENSITIVE_COUNT)) {
                JsonNode value = subjects.get(field.substring("dataSubjects.".length()));
                if (value == null || value.isNull()) {
                    absent.add(field);
                }
            }
        }
        return absent;
    }

    static List<FieldError> validate(TransferRequest request) {
        return validate(request, Set.of());
    }

    static List<FieldError> validate(TransferRequest request, Set<String> absent) {
        return TransferRequestRules.violations(request, absent).stream()
                .map(violation -> new FieldError(violation.field(), violation.reason())).toList();
    }
}
