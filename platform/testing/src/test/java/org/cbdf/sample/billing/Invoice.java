package org.cbdf.sample.billing;

import org.cbdf.other.events.ThingHappened;
import org.cbdf.sample.orders.web.OrderView;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A domain type that breaks the rules: it knows another feature's web adapter and another service's event. */
@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
public record Invoice(OrderView order, ThingHappened cause) {
}
