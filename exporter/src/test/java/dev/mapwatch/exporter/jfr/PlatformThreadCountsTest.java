package dev.mapwatch.exporter.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.exporter.jfr.PlatformThreadCounts.Reading;
import dev.mapwatch.exporter.testing.Exposition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PlatformThreadCountsTest {

    /** A JVM whose counters the test sets; with churn, threads start and end between any two reads. */
    private static final class FakeJvm implements PlatformThreadCounts.Source {
        long started;
        long live;
        long daemon;
        long startsPerRead;
        long liveGrowthPerRead;

        void set(long started, long live, long daemon) {
            this.started = started;
            this.live = live;
            this.daemon = daemon;
        }

        @Override
        public long totalStarted() {
            started += startsPerRead;
            live += liveGrowthPerRead;
            return started;
        }

        @Override
        public long live() {
            return live;
        }

        @Override
        public long daemon() {
            return daemon;
        }
    }

    private final FakeJvm jvm = new FakeJvm();
    private final AtomicLong now = new AtomicLong();
    private final PlatformThreadCounts counts = new PlatformThreadCounts(jvm, now::get);

    @Test
    void endedIsStartedMinusLiveAndLiveAgreesWithBoth() {
        jvm.set(150, 12, 9);
        assertThat(counts.refresh()).isEqualTo(new Reading(150, 138, 12, 9));
    }

    @Test
    void aThreadCountedAsLiveButNotYetAsStartedNeverMakesEndedGoDown() {
        jvm.set(100, 10, 0);
        assertThat(counts.refresh().ended()).isEqualTo(90);
        // Read in between: started 100 (before the new thread), live 11 (after it): 89 would go
        // down.
        jvm.live = 11;
        Reading racy = counts.refresh();
        assertThat(racy.ended()).isEqualTo(90);
        assertThat(racy.started() - racy.ended()).isEqualTo(racy.live()).isEqualTo(10);
        jvm.set(101, 11, 0);
        assertThat(counts.refresh()).isEqualTo(new Reading(101, 90, 11, 0));
    }

    @Test
    void eachMeterGetsTheReadingOnceInWhateverOrderAndANewScrapeTakesANewOne() {
        jvm.set(5, 5, 0);
        assertThat(counts.readingFor(PlatformThreadCounts.LIVE)).isEqualTo(new Reading(5, 0, 5, 0));
        jvm.set(8, 4, 0);
        assertThat(counts.readingFor(PlatformThreadCounts.ENDED))
                .as("same scrape")
                .isEqualTo(new Reading(5, 0, 5, 0));
        assertThat(counts.readingFor(PlatformThreadCounts.STARTED))
                .as("same scrape")
                .isEqualTo(new Reading(5, 0, 5, 0));
        assertThat(counts.readingFor(PlatformThreadCounts.LIVE))
                .as("next scrape")
                .isEqualTo(new Reading(8, 4, 4, 0));
        jvm.set(9, 4, 0);
        now.addAndGet(PlatformThreadCounts.MAX_AGE_NANOS + 1);
        assertThat(counts.readingFor(PlatformThreadCounts.ENDED))
                .as("stale")
                .isEqualTo(new Reading(9, 5, 4, 0));
    }

    @Test
    void everyPrometheusScrapeIsOneConsistentReadingWhileThreadsComeAndGo() {
        // Between any two reads of the JVM's counters, 3 threads start and 2 end: a scrape that
        // mixed
        // readings would break live = started - ended.
        jvm.set(100, 10, 1);
        jvm.startsPerRead = 3;
        jvm.liveGrowthPerRead = 1;
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PlatformThreadCounts held = PlatformThreadCounts.register(registry, jvm);
        double lastStarted = 0;
        for (int scrape = 0; scrape < 5; scrape++) {
            Map<String, Exposition.Family> families = Exposition.parse(registry.scrape());
            double started =
                    families.get("mapwatch_threads_started_total").samples().get(0).value();
            double ended = families.get("mapwatch_threads_ended_total").samples().get(0).value();
            double live = families.get("mapwatch_threads_live").samples().get(0).value();
            assertThat(started).as("scrape %d moved on", scrape).isGreaterThan(lastStarted);
            assertThat(live)
                    .as("scrape %d: live = started - ended", scrape)
                    .isEqualTo(started - ended);
            lastStarted = started;
        }
        assertThat(held).isNotNull();
    }

    @Test
    void registersTheJvmsOwnFiguresSinceItStarted() throws InterruptedException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PlatformThreadCounts held =
                PlatformThreadCounts.register(registry, PlatformThreadCounts.Source.threadMXBean());
        long jvmStarted = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        double started =
                registry.get(ThreadActivity.STARTED)
                        .tag("kind", "platform")
                        .functionCounter()
                        .count();
        assertThat(started)
                .as("every thread since the JVM started, e.g. main and the JVM's own")
                .isGreaterThanOrEqualTo(jvmStarted);
        double ended =
                registry.get(ThreadActivity.ENDED)
                        .tag("kind", "platform")
                        .functionCounter()
                        .count();
        double live = registry.get(ThreadActivity.LIVE).tag("kind", "platform").gauge().value();
        assertThat(started - ended).isEqualTo(live);
        assertThat(registry.get(PlatformThreadCounts.DAEMON).gauge().value())
                .isLessThanOrEqualTo(live);

        Thread thread = new Thread(() -> {}, "counted");
        thread.start();
        thread.join();
        assertThat(
                        registry.get(ThreadActivity.STARTED)
                                .tag("kind", "platform")
                                .functionCounter()
                                .count())
                .isGreaterThanOrEqualTo(started + 1);
        assertThat(held).isNotNull();
    }
}
