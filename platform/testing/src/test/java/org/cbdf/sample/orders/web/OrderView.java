package org.cbdf.sample.orders.web;

import org.cbdf.sample.orders.Order;

/** The web adapter's view of an order: allowed. */
public record OrderView(String id) {

    public static OrderView of(Order order) {
        return new OrderView(order.id());
    }
}
