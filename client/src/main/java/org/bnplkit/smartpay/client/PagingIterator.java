package org.bnplkit.smartpay.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Walks a Smartpay collection page by page ({@code nextPageToken}), fetching the next page only when the current
 * one is used up. A page token that does not advance stops the walk with an {@link IllegalStateException}
 * instead of looping forever.
 */
final class PagingIterator<T> implements Iterator<T> {

    private final ListParams params;
    private final Function<ListParams, Page<T>> fetch;
    private Page<T> page;
    private Iterator<T> items;

    private PagingIterator(ListParams params, Function<ListParams, Page<T>> fetch) {
        this.params = params;
        this.fetch = fetch;
    }

    /** Every item from the page {@code params} name on; nothing is fetched until iteration starts. */
    static <T> Iterable<T> allPages(ListParams params, Function<ListParams, Page<T>> fetch) {
        final ListParams first = params == null ? ListParams.defaults() : params;
        return () -> new PagingIterator<T>(first, fetch);
    }

    @Override
    public boolean hasNext() {
        if (page == null) {
            load(params);
        }
        while (!items.hasNext() && page.hasMore()) {
            String next = page.nextPageToken();
            String current = page.pageToken() != null ? page.pageToken() : params.pageToken();
            if (next.equals(current)) {
                throw new IllegalStateException("Smartpay pagination did not advance (nextPageToken repeats the current token)");
            }
            load(params.withPageToken(next));
        }
        return items.hasNext();
    }

    private void load(ListParams pageParams) {
        page = fetch.apply(pageParams);
        items = page.data().iterator();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return items.next();
    }
}
