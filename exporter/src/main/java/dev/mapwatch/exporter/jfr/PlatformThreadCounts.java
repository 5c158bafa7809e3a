package dev.mapwatch.exporter.jfr;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.LongSupplier;

/**
 * Platform threads started, ended, live and live daemons, as the JVM itself counts them
 * ({@link ThreadMXBean}): exact since the JVM started, however late mapwatch began watching, and
 * whether or not JFR works. JFR's {@code jdk.ThreadStart}/{@code jdk.ThreadEnd} only see threads
 * from the stream's start on, so they feed lifetimes ({@link ThreadActivity}) but not these counts.
 *
 * <p>Consistency: each scrape sees one {@link Reading}, in which {@code started >= ended},
 * {@code live == started - ended}, and neither counter ever goes down. The reading is taken when
 * the {@code started} counter is collected (Micrometer's Prometheus registry collects families in
 * registration order, and it is registered first) or when the last one is older than
 * {@link #MAX_AGE_NANOS}; the other meters reuse it. {@code ended} is {@code started - live} with
 * {@code started} read first: a thread starting between the two reads makes {@code ended} one too
 * low for one reading, never too high, and the monotonic clamp absorbs it.
 *
 * <p>Cost: three ThreadMXBean reads of JVM counters (no thread list, no safepoint), about a
 * microsecond per scrape. Counted: every platform thread the JVM reports to management, the JVM's
 * own Java threads and mapwatch's included; not virtual threads, not hidden VM threads (GC,
 * compiler).
 */
final class PlatformThreadCounts {

    /** How long a reading serves meters other than {@code started}. */
    static final long MAX_AGE_NANOS = 1_000_000_000L;

    static final String DAEMON = "mapwatch.threads.daemon";

    /** One consistent reading. */
    record Reading(long started, long ended, long live, long daemon) {
    }

    /** Where the figures come from; the ThreadMXBean in production. */
    interface Source {
        long totalStarted();

        long live();

        long daemon();

        static Source threadMXBean() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return new Source() {
                @Override
                public long totalStarted() {
                    return threads.getTotalStartedThreadCount();
                }

                @Override
                public long live() {
                    return threads.getThreadCount();
                }

                @Override
                public long daemon() {
                    return threads.getDaemonThreadCount();
                }
            };
        }
    }

    private final Source source;
    private final LongSupplier nanoTime;
    private Reading last = new Reading(0, 0, 0, 0); // guarded by this
    private long lastNanos; // guarded by this
    private boolean read; // guarded by this

    PlatformThreadCounts(Source source, LongSupplier nanoTime) {
        this.source = source;
        this.nanoTime = nanoTime;
    }

    /**
     * Registers {@code started}, {@code ended}, {@code live} and {@code daemon} for {@code
     * kind="platform"}. Function counters hold what they read weakly: keep the result.
     */
    static PlatformThreadCounts register(MeterRegistry registry, Source source) {
        PlatformThreadCounts counts = new PlatformThreadCounts(source, System::nanoTime);
        String kind = ThreadKind.PLATFORM.tag();
        FunctionCounter.builder(ThreadActivity.STARTED, counts, c -> c.refresh().started())
                .tag("kind", kind)
                .description("Threads started, by kind (platform: since the JVM started; virtual: since mapwatch began watching)")
                .register(registry);
        FunctionCounter.builder(ThreadActivity.ENDED, counts, c -> c.current().ended())
                .tag("kind", kind)
                .description("Threads ended, by kind (platform: since the JVM started; virtual: since mapwatch began watching)")
                .register(registry);
        Gauge.builder(ThreadActivity.LIVE, counts, c -> c.current().live())
                .tag("kind", kind)
                .strongReference(true)
                .description("Live threads now, by kind")
                .register(registry);
        Gauge.builder(DAEMON, counts, c -> c.current().daemon())
                .strongReference(true)
                .description("Live platform daemon threads now")
                .register(registry);
        return counts;
    }

    /** A new reading (the {@code started} counter's view). */
    synchronized Reading refresh() {
        long started = source.totalStarted();
        long live = source.live();
        long daemon = source.daemon();
        started = Math.max(started, last.started());
        long ended = Math.min(started, Math.max(last.ended(), started - live));
        last = new Reading(started, ended, started - ended, Math.min(daemon, started - ended));
        lastNanos = nanoTime.getAsLong();
        read = true;
        return last;
    }

    /** The reading of this scrape, or a new one when the last is missing or stale. */
    synchronized Reading current() {
        if (!read || nanoTime.getAsLong() - lastNanos > MAX_AGE_NANOS) {
            return refresh();
        }
        return last;
    }
}
