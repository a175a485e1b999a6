package org.cbdf.portal.web;

import java.util.Map;

import org.cbdf.portal.apis.ApiProblem;

/**
 * What a form shows after a submission that did not go through: the portal's own messages per field, a
 * general message, and the API's problem document (its fields shown next to the portal's). {@code form}
 * names the form it belongs to (a decision, a dispute step, a status change), so a page with several forms
 * shows it at the right one.
 */
public record FormFeedback(String form, Map<String, String> fields, String message, ApiProblem problem) {

    public FormFeedback {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public boolean isFor(String form) {
        return this.form != null && this.form.equals(form);
    }

    public String field(String name) {
        String own = fields.get(name);
        return own != null || problem == null ? own : problem.fieldError(name);
    }
}
