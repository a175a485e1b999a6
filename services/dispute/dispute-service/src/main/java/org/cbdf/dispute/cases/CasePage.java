package org.cbdf.dispute.cases;

import java.util.List;
import java.util.function.Function;

/** One page of a list, newest first, with what a client needs to page on. */
public record CasePage<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

    public CasePage {
        content = List.copyOf(content);
    }

    static <T> CasePage<T> of(List<T> content, int page, int size, long totalElements) {
        return new CasePage<>(content, page, size, totalElements, (int) ((totalElements + size - 1) / size));
    }

    public <R> CasePage<R> map(Function<T, R> mapping) {
        return new CasePage<>(content.stream().map(mapping).toList(), page, size, totalElements, totalPages);
    }
}
