package dev.mapwatch.bootstrap;

/**
 * The free wrappers of one thread. A mapping function that calls another counted {@code
 * computeIfAbsent} takes a second wrapper, so a thread holds as many of each kind as its deepest
 * nesting, allocated once; and it counts down to its next sampled run. Only its own thread
 * touches a pool.
 */
final class FunctionPool {

    private static final ThreadLocal<FunctionPool> OF_THREAD =
            ThreadLocal.withInitial(FunctionPool::new);

    private Loading loadings;
    private Remapping remappings;

    /** Runs left until this thread times a run of a fast function ({@link ComputeTimes#SAMPLING_INTERVAL}). */
    private int untilSample;

    /** The calling thread's pool. */
    static FunctionPool current() {
        return OF_THREAD.get();
    }

    /** Whether this thread times its next run of a fast function: every {@link ComputeTimes#SAMPLING_INTERVAL}th, the first included. */
    boolean sampleNext() {
        if (untilSample > 0) {
            untilSample--;
            return false;
        }
        untilSample = ComputeTimes.SAMPLING_INTERVAL - 1;
        return true;
    }

    Loading loading() {
        Loading free = loadings;
        if (free == null) {
            return new Loading(this);
        }
        loadings = (Loading) free.next;
        free.next = null;
        return free;
    }

    Remapping remapping() {
        Remapping free = remappings;
        if (free == null) {
            return new Remapping(this);
        }
        remappings = (Remapping) free.next;
        free.next = null;
        return free;
    }

    void release(CountingFunction wrapper) {
        if (wrapper instanceof Loading loading) {
            loading.next = loadings;
            loadings = loading;
        } else if (wrapper instanceof Remapping remapping) {
            remapping.next = remappings;
            remappings = remapping;
        }
    }
}
