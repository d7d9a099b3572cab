package org.naturaflux.request.repository;

import java.util.List;

/**
 * One page of a list and the size of the whole list (the same filters, every page).
 *
 * @param items the page's items, in the list's order
 * @param total how many items the whole list holds
 */
public record Slice<T>(List<T> items, long total) {

    public Slice {
        items = List.copyOf(items);
    }
}
