package org.cbdf.policy;

import java.util.List;

import org.cbdf.platform.web.FieldError;
import org.cbdf.platform.web.Refusal;

/** A request whose content is wrong, each bad field named with its reason (400). */
public class InvalidRequest extends Refusal {

    private InvalidRequest(InvalidFields fields) {
        super(Kind.INVALID, fields.field(), null, fields.message(), fields.members());
    }

    public static InvalidRequest of(List<FieldError> errors) {
        return new InvalidRequest(InvalidFields.of(errors));
    }
}
