package org.cbdf.policy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.cbdf.platform.web.FieldError;

/**
 * A refusal naming several fields, laid out for {@link org.cbdf.platform.web.Refusal}, which names one: the answer
 * ({@code ApiProblems}) writes the refusal's field and message as the detail ({@code field: message}) and as the one
 * entry of {@code errors}. With more than one field the message carries the rest of the detail and the members the
 * whole {@code errors} list, so the problem document is the one the API has always answered: the detail lists
 * {@code field: reason} for each, separated by {@code ; }, and {@code errors} names every field.
 */
public record InvalidFields(String field, String message, Map<String, Object> members) {

    public static InvalidFields of(List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a refusal for invalid fields names at least one");
        }
        FieldError first = errors.getFirst();
        if (errors.size() == 1) {
            return new InvalidFields(first.field(), first.reason(), Map.of());
        }
        String rest = errors.stream().skip(1).map(e -> "; " + e.field() + ": " + e.reason()).collect(Collectors.joining());
        return new InvalidFields(first.field(), first.reason() + rest, Map.of("errors", List.copyOf(errors)));
    }
}
