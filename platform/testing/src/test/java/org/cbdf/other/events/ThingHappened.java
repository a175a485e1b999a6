package org.cbdf.other.events;

/** Another service's published event, for the architecture rules' tests. */
public record ThingHappened(String id) {
}
