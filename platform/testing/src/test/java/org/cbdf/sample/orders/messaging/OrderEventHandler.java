package org.cbdf.sample.orders.messaging;

import org.cbdf.other.events.ThingHappened;
import org.cbdf.sample.orders.Order;

/** Maps another service's event to the domain: allowed. */
public class OrderEventHandler {

    public Order on(ThingHappened event) {
        return new Order(event.id());
    }
}
