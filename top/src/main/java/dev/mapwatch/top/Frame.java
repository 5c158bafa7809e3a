package dev.mapwatch.top;

import java.util.List;

/**
 * What one refresh of {@code top} shows: the figures of one {@link Interval}, rates per second over
 * it, gauges as of its end. {@code NaN} means "not known here" (a family the agent does not export
 * in this JVM, a ratio over nothing) and is shown as {@code -} (JSON {@code null}).
 *
 * @param header     the JVM and the agent
 * @param maps       one row per map ({@code map}, {@code strategy})
 * @param locks      contended locks in the interval, by map where mapwatch names one, else by class
 * @param threads    live threads and their churn
 * @param allocation bytes allocated per second, and by which classes
 */
public record Frame(
        Header header,
        List<MapRow> maps,
        List<LockRow> locks,
        Threads threads,
        Allocation allocation) {

    public Frame {
        maps = List.copyOf(maps);
        locks = List.copyOf(locks);
    }

    /**
     * The JVM and its agent.
     *
     * @param target           what {@code top} watches: {@code pid 1234} or the endpoint's URL
     * @param pid              the JVM's pid, or -1 when watched through a URL
     * @param jdk              the JVM's JDK version ({@code ""}: unknown)
     * @param jvmUptimeSeconds time since the JVM started ({@code NaN}: unknown, e.g. through a URL)
     * @param agentVersion     the agent's version
     * @param agentUptimeSeconds time since the agent started
     * @param status           {@code UP}, {@code DEGRADED}, or {@code ""}
     * @param jfr              {@code running}, or why JFR collection is not
     * @param counting         how the maps count: {@code exact}, {@code sampled}, {@code off}, several joined by {@code +}
     * @param agentErrors      failures contained in the agent so far ({@code /health})
     * @param intervalSeconds  the length of the interval the rates are over
     * @param viewSeconds      time since this view started
     */
    public record Header(
            String target,
            long pid,
            String jdk,
            double jvmUptimeSeconds,
            String agentVersion,
            double agentUptimeSeconds,
            String status,
            String jfr,
            String counting,
            long agentErrors,
            double intervalSeconds,
            double viewSeconds) {}

    /**
     * One map.
     *
     * @param name                 the map's name ({@code map} label)
     * @param strategy             its strategy or class ({@code strategy} label)
     * @param counting             {@code exact}, {@code sampled} (ops are estimates), {@code off} or {@code ""}
     * @param opsPerSecond         lookups, puts and removals per second
     * @param hitRatio             hits / lookups in the interval; {@code NaN} without lookups
     * @param size                 entries now
     * @param waitsPerSecond       contended acquisitions of its locks per second
     * @param waitSecondsPerSecond time threads waited for its locks, per second
     * @param computeMaxSeconds    slowest recent mapping function ({@code mapwatch_map_compute_seconds_max}); NaN without
     * @param computesPerSecond    mapping functions run per second; NaN without
     */
    public record MapRow(
            String name,
            String strategy,
            String counting,
            double opsPerSecond,
            double hitRatio,
            double size,
            double waitsPerSecond,
            double waitSecondsPerSecond,
            double computeMaxSeconds,
            double computesPerSecond) {}

    /**
     * One contended lock.
     *
     * @param name             the map's name when {@code byMap}, else the lock's class
     * @param kind             {@code monitor} or {@code park} (by class); {@code read} or {@code write} (by map)
     * @param byMap            whether mapwatch named the map the lock belongs to
     * @param waitsPerSecond   contended waits above the agent's threshold, per second
     * @param secondsPerSecond time waited, per second
     * @param maxSeconds       longest recent wait (the agent's decaying maximum); NaN when not exported
     */
    public record LockRow(
            String name,
            String kind,
            boolean byMap,
            double waitsPerSecond,
            double secondsPerSecond,
            double maxSeconds) {}

    /**
     * Threads.
     *
     * @param livePlatform      live platform threads now
     * @param liveVirtual       live virtual threads now; NaN before JDK 21
     * @param platformStarted   platform threads started per second
     * @param platformEnded     platform threads ended per second
     * @param virtualStarted    virtual threads started per second; NaN before JDK 21
     * @param virtualEnded      virtual threads ended per second; NaN before JDK 21
     * @param shortLivedShare   of the threads that ended in the interval, the share that lived under 1 s; NaN when none ended
     * @param pinnedSecondsPerSecond time virtual threads were pinned, per second; NaN before JDK 21
     */
    public record Threads(
            double livePlatform,
            double liveVirtual,
            double platformStarted,
            double platformEnded,
            double virtualStarted,
            double virtualEnded,
            double shortLivedShare,
            double pinnedSecondsPerSecond) {}

    /**
     * Allocation, from JFR's allocation samples (estimates).
     *
     * @param bytesPerSecond bytes allocated per second
     * @param top            the classes allocating most, heaviest first
     */
    public record Allocation(double bytesPerSecond, List<ClassRate> top) {

        public Allocation {
            top = List.copyOf(top);
        }
    }

    /** One class's allocation rate. */
    public record ClassRate(String className, double bytesPerSecond) {}
}
