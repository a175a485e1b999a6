package org.cbdf.sample.orders;

/** A well-behaved domain type of the sample service the architecture rules are tested on. */
public record Order(String id) {
}
