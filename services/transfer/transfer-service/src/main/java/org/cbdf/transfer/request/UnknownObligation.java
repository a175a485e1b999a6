package org.cbdf.transfer.request;

import java.util.List;

import org.cbdf.platform.web.ApiProblems;
import org.cbdf.platform.web.FieldError;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** A fulfilment for an obligation the transfer's assessment does not list: 400 naming the known codes. */
class UnknownObligation extends ErrorResponseException {

    UnknownObligation(String code, List<String> known) {
        super(HttpStatus.BAD_REQUEST, ApiProblems.invalid(List.of(new FieldError("code",
                "no obligation '" + code + "' on this transfer; its obligations: " + String.join(", ", known)))),
                null);
    }
}
