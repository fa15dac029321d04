package org.rightsflow.operations.register;

import java.util.List;

/** One page of the register and how many requests the whole search found. */
public record RegisterPage(RegisterFilter filter, long total, List<RegisterRow> rows) {

    public int pages() {
        return (int) Math.max(1, (total + filter.size() - 1) / filter.size());
    }

    public boolean hasNext() {
        return filter.page() < pages();
    }

    public boolean hasPrevious() {
        return filter.page() > 1;
    }
}
