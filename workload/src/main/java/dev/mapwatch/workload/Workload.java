package dev.mapwatch.workload;

/**
 * A workload described by what a user observes (or {@code mapwatch report} shows): the share of
 * operations on absent keys, the share of operations that read, and the threads using the map at
 * once.
 */
public record Workload(int missPercent, int readPercent, int threads) {

    /** The most threads a workload may use. */
    public static final int MAX_THREADS = 256;

    public Workload {
        if (missPercent < 0 || missPercent > 100) {
            throw new IllegalArgumentException("miss rate must be 0 to 100 %, got " + missPercent);
        }
        if (readPercent < 0 || readPercent > 100) {
            throw new IllegalArgumentException("read share must be 0 to 100 %, got " + readPercent);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException(
                    "threads must be 1 to " + MAX_THREADS + ", got " + threads);
        }
    }
}
