package org.cbdf.dispute.cases;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, newest first, with what a client needs to page on: {@code nextCursor}, handed back as the
 * {@code cursor} parameter, gives the next page; null on the last one.
 */
public record CasePage<T>(List<T> content, int size, long totalElements, String nextCursor) {

    public CasePage {
        content = List.copyOf(content);
    }

    public <R> CasePage<R> map(Function<T, R> mapping) {
        return new CasePage<>(content.stream().map(mapping).toList(), size, totalElements, nextCursor);
    }
}
