package org.cbdf.policy.assessment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.cbdf.platform.web.FieldError;
import org.cbdf.transfer.events.TransferRequest;
import org.cbdf.transfer.events.TransferRequestRules;
import org.cbdf.transfer.events.TransferSubmitted;

import tools.jackson.databind.JsonNode;

/**
 * The producer's rules for a transfer request ({@link TransferRequestRules}, in transfer-events), applied to what the
 * policy service reads: a dry run's body and a consumed submission. Nothing of the rules is the policy service's own;
 * this class only says what the text showed missing and where the request sits in the payload. Unknown enum values
 * and malformed JSON are refused earlier, when the body is read.
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

    static List<FieldError> validateSubmission(TransferSubmitted submitted) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(submitted.transferId())) {
            errors.add(new FieldError("transferId", "is required"));
        }
        if (blank(submitted.organization())) {
            errors.add(new FieldError("organization", "is required"));
        }
        if (submitted.request() == null) {
            errors.add(new FieldError("request", "is required"));
        } else {
            TransferRequestRules.violations(submitted.request()).stream().map(violation -> violation.under("request."))
                    .forEach(violation -> errors.add(new FieldError(violation.field(), violation.reason())));
        }
        return errors;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
