package dev.mapwatch.bootstrap;

import java.util.function.Function;

/** A {@code computeIfAbsent} loader: notes whether it ran and what it returned (its last run counts). */
final class Loading extends CountingFunction implements Function<Object, Object> {

    private Function<Object, Object> f;
    private Object value;

    Loading(FunctionPool pool) {
        super(pool);
    }

    /** Every load is timed: a load is a miss, and a slow one is what {@code mapwatch_map_compute_seconds} is for. */
    Loading arm(SiteCounters counters, Function<Object, Object> loader, FunctionPool thread) {
        arm(counters, true, thread);
        f = loader;
        return this;
    }

    @Override
    public Object apply(Object key) {
        long start = begin();
        try {
            Object loaded = f.apply(key);
            value = loaded;
            return loaded;
        } finally {
            end(start);
        }
    }

    /** A hit when the loader did not run, else a miss, and a put when its value was stored. */
    Object complete(Object result) {
        var c = ops();
        c.recordLookup(!called);
        if (called && result != null && result == value) {
            c.recordPut();
        }
        release();
        return result;
    }

    @Override
    void forget() {
        f = null;
        value = null;
    }
}
