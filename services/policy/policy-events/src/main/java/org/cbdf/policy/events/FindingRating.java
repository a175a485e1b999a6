package org.cbdf.policy.events;

/**
 * A review's finding on one criterion, as published: the criterion and its rating ({@code ESSENTIALLY_EQUIVALENT},
 * {@code EQUIVALENT_WITH_CONDITIONS}, {@code NOT_EQUIVALENT}).
 */
public record FindingRating(String criterion, String rating) {
}
