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
 * {@code live == started - ended}, and neither counter ever goes down. A registry collects the four
 * meters in an order of its own (Micrometer's Prometheus registry does not keep registration
 * order), so a reading is served to each meter once: the first meter to ask a second time (the
 * next scrape) takes a new reading, as does any meter when the reading is older than {@link
 * #MAX_AGE_NANOS} (a registry that reads only some of the meters). {@code ended} is {@code started
 * - live} with {@code started} read first: a thread starting between the two reads makes {@code
 * ended} one too low for one reading, never too high, and the monotonic clamp absorbs it.
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
    record Reading(long started, long ended, long live, long daemon) {}

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

    /** The meters, as bits of {@link #servedTo}. */
    static final int STARTED = 1;

    static final int ENDED = 2;
    static final int LIVE = 4;
    static final int DAEMON_COUNT = 8;

    private Reading last = new Reading(0, 0, 0, 0); // guarded by this
    private long lastNanos; // guarded by this
    private boolean read; // guarded by this
    private int servedTo; // guarded by this: the meters that have had `last`

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
        FunctionCounter.builder(
                        ThreadActivity.STARTED, counts, c -> c.readingFor(STARTED).started())
                .tag("kind", kind)
                .description(
                        "Threads started, by kind (platform: since the JVM started; virtual: since mapwatch began watching)")
                .register(registry);
        FunctionCounter.builder(ThreadActivity.ENDED, counts, c -> c.readingFor(ENDED).ended())
                .tag("kind", kind)
                .description(
                        "Threads ended, by kind (platform: since the JVM started; virtual: since mapwatch began watching)")
                .register(registry);
        Gauge.builder(ThreadActivity.LIVE, counts, c -> c.readingFor(LIVE).live())
                .tag("kind", kind)
                .strongReference(true)
                .description("Live threads now, by kind")
                .register(registry);
        Gauge.builder(DAEMON, counts, c -> c.readingFor(DAEMON_COUNT).daemon())
                .strongReference(true)
                .description("Live platform daemon threads now")
                .register(registry);
        return counts;
    }

    /** A new reading. */
    synchronized Reading refresh() {
        long started = source.totalStarted();
        long live = source.live();
        long daemon = source.daemon();
        started = Math.max(started, last.started());
        long ended = Math.min(started, Math.max(last.ended(), started - live));
        last = new Reading(started, ended, started - ended, Math.min(daemon, started - ended));
        lastNanos = nanoTime.getAsLong();
        read = true;
        servedTo = 0;
        return last;
    }

    /**
     * The reading for {@code meter} (one of {@link #STARTED}, {@link #ENDED}, {@link #LIVE},
     * {@link #DAEMON_COUNT}) in this scrape: the last one, unless this meter already had it, or it
     * is missing or stale.
     */
    synchronized Reading readingFor(int meter) {
        if (!read || (servedTo & meter) != 0 || nanoTime.getAsLong() - lastNanos > MAX_AGE_NANOS) {
            refresh();
        }
        servedTo |= meter;
        return last;
    }
}
