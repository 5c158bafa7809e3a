package dev.mapwatch.bootstrap;

import java.util.function.BiFunction;

/**
 * A {@code compute}, {@code computeIfPresent} or {@code merge} function: notes whether it ran and
 * the old value it last saw, the second argument of a {@code compute} function {@code (key, old)},
 * the first of a {@code merge} function {@code (old, given)}.
 */
final class Remapping extends CountingFunction implements BiFunction<Object, Object, Object> {

    private BiFunction<Object, Object, Object> f;
    private boolean merge;
    private Object old;

    Remapping(FunctionPool pool) {
        super(pool);
    }

    Remapping arm(
            SiteCounters counters,
            BiFunction<Object, Object, Object> remapping,
            boolean merging,
            FunctionPool thread) {
        arm(counters, false, thread);
        f = remapping;
        merge = merging;
        return this;
    }

    @Override
    public Object apply(Object first, Object second) {
        long start = begin();
        old = merge ? first : second;
        try {
            return f.apply(first, second);
        } finally {
            end(start);
        }
    }

    /** A put when the entry now holds another value than the function saw, a removal when it went. */
    Object complete(Object now) {
        var c = ops();
        if (now != null) {
            if (!called || now != old) {
                c.recordPut();
            }
        } else if (called && old != null) {
            c.recordRemovals(1);
        }
        release();
        return now;
    }

    @Override
    void forget() {
        f = null;
        old = null;
    }
}
