package org.cbdf.platform.web;

/** One bad field of a request: its JSON path (e.g. {@code dataSubjects.count}) and why it is refused. */
public record FieldError(String field, String reason) {
}
