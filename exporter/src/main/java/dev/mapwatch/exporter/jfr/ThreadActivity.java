package dev.mapwatch.exporter.jfr;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads coming and going as JFR sees them, per {@link ThreadKind}: the lifetime distribution,
 * which pairs each start with its end by thread id in a bounded table, and for virtual threads the
 * started and ended counters and the live gauge. Platform threads' counts come from the JVM's own
 * counters instead ({@link PlatformThreadCounts}), exact since the JVM started.
 *
 * <p>JFR sees a thread start only while the stream runs: live virtual threads are {@code started -
 * ended} since the stream started, so exact when the stream starts with the JVM (the agent's
 * default), an underestimate after {@code attach} while virtual threads that started earlier are
 * still alive. An end is counted only for a thread whose start was counted (so {@code ended} never
 * exceeds {@code started}, and the end of a thread older than the stream is not counted); lifetimes
 * are measured only for threads started while the stream runs.
 */
final class ThreadActivity {

    static final String STARTED = "mapwatch.threads.started";
    static final String ENDED = "mapwatch.threads.ended";
    static final String LIVE = "mapwatch.threads.live";
    static final String LIFETIME = "mapwatch.thread.lifetime";
    static final String UNTRACKED = "mapwatch.thread.lifetime.untracked";

    /** Lifetime buckets: 1 ms to 10 min, churn on the left, pools on the right. */
    private static final Duration[] LIFETIME_BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(10),
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        Duration.ofMinutes(1),
        Duration.ofMinutes(10)
    };

    private final int maxTracked;
    private final Map<ThreadKind, PerKind> kinds = new EnumMap<>(ThreadKind.class);
    private final Map<Long, Long> startNanosById = new HashMap<>();

    ThreadActivity(MeterRegistry registry, Set<ThreadKind> kindsToRegister, int maxTracked) {
        this.maxTracked = maxTracked;
        for (ThreadKind kind : kindsToRegister) {
            kinds.put(kind, new PerKind(registry, kind));
        }
        if (kinds.containsKey(ThreadKind.VIRTUAL)) {
            PerKind virtual = kinds.get(ThreadKind.VIRTUAL);
            Gauge.builder(
                            LIVE,
                            virtual,
                            v -> Math.max(0, v.startedCount.get() - v.endedCount.get()))
                    .tag("kind", ThreadKind.VIRTUAL.tag())
                    .description("Live threads now, by kind")
                    .register(registry);
        }
    }

    synchronized void started(ThreadKind kind, long threadId, Instant at) {
        PerKind perKind = kinds.get(kind);
        if (perKind == null) {
            return;
        }
        perKind.startedCount.incrementAndGet();
        if (startNanosById.size() >= maxTracked) {
            perKind.untracked.incrementAndGet();
            perKind.untrackedAlive++;
        } else {
            startNanosById.put(threadId, EventTimes.epochNanos(at));
        }
    }

    synchronized void ended(ThreadKind kind, long threadId, Instant at) {
        PerKind perKind = kinds.get(kind);
        if (perKind == null) {
            return;
        }
        Long startNanos = startNanosById.remove(threadId);
        if (startNanos != null) {
            perKind.endedCount.incrementAndGet();
            perKind.lifetime.record(
                    Math.max(0, EventTimes.epochNanos(at) - startNanos), TimeUnit.NANOSECONDS);
        } else if (perKind.untrackedAlive > 0) { // its start was counted while the table was full
            perKind.untrackedAlive--;
            perKind.endedCount.incrementAndGet();
        }
        // else it started before the stream (after attach): not counted, so that ended never
        // exceeds started
    }

    /** Starts waiting for their end in the lifetime table now (bounded by {@code maxTracked}). */
    synchronized int tracked() {
        return startNanosById.size();
    }

    /**
     * The meters of one kind. Counters (virtual threads only: platform threads are counted by the
     * JVM) are function counters over atomics so the live gauge reads the same numbers.
     */
    private static final class PerKind {
        final AtomicLong startedCount = new AtomicLong();
        final AtomicLong endedCount = new AtomicLong();
        final AtomicLong untracked = new AtomicLong();

        /** Started while the table was full and not ended yet (guarded by the enclosing instance). */
        long untrackedAlive;

        final Timer lifetime;

        PerKind(MeterRegistry registry, ThreadKind kind) {
            String tag = kind.tag();
            if (kind == ThreadKind.VIRTUAL) {
                FunctionCounter.builder(STARTED, startedCount, AtomicLong::get)
                        .tag("kind", tag)
                        .description(
                                "Threads started, by kind (platform: since the JVM started; virtual: since mapwatch began watching)")
                        .register(registry);
                FunctionCounter.builder(ENDED, endedCount, AtomicLong::get)
                        .tag("kind", tag)
                        .description(
                                "Threads ended, by kind (platform: since the JVM started; virtual: since mapwatch began watching)")
                        .register(registry);
            }
            FunctionCounter.builder(UNTRACKED, untracked, AtomicLong::get)
                    .tag("kind", tag)
                    .description(
                            "Threads whose lifetime was not measured because the bounded start table was full")
                    .register(registry);
            lifetime =
                    Timer.builder(LIFETIME)
                            .tag("kind", tag)
                            .description("How long threads lived, from start to end, by kind")
                            .serviceLevelObjectives(LIFETIME_BUCKETS)
                            .register(registry);
        }
    }
}
