package dev.mapwatch.top;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mapwatch.top.Frame.LockRow;
import dev.mapwatch.top.Frame.MapRow;
import org.junit.jupiter.api.Test;

class FramesTest {

    private final Frame frame = Fixtures.frame();

    @Test
    void mapsHaveTheirRatesHitRatioSizeWaitsAndComputeTimes() {
        MapRow cache = frame.maps().get(0);
        assertThat(cache.name()).isEqualTo("com.acme.Cache.entries");
        // 3000 hits + 1000 misses + 1000 puts in 2 s
        assertThat(cache.opsPerSecond()).isEqualTo(2500.0);
        assertThat(cache.hitRatio()).isEqualTo(0.75);
        assertThat(cache.size()).isEqualTo(1500.0);
        // lock_waits_total stays 0 (a ConcurrentHashMap cannot count its bin locks): the JFR waits
        // count
        assertThat(cache.waitsPerSecond()).isEqualTo(3.0);
        assertThat(cache.waitSecondsPerSecond()).isCloseTo(0.6, within(1e-9));
        assertThat(cache.computeMaxSeconds()).isEqualTo(0.3);
        assertThat(cache.computesPerSecond()).isEqualTo(20.0);
        assertThat(cache.counting()).isEqualTo("exact");

        MapRow hot = frame.maps().get(1);
        assertThat(hot.opsPerSecond()).isEqualTo(100_000.0);
        assertThat(hot.hitRatio()).isEqualTo(1.0);
        assertThat(hot.counting()).isEqualTo("sampled");
        assertThat(hot.computeMaxSeconds()).as("no compute series for this map").isNaN();
        assertThat(frame.header().counting()).isEqualTo("exact+sampled");
    }

    @Test
    void locksAreThoseContendedInTheIntervalByMapFirstWhereNamedHeaviestFirst() {
        assertThat(frame.locks())
                .extracting(LockRow::name)
                .containsExactly("com.acme.Cache.entries", "com.acme.Ledger");
        LockRow map = frame.locks().get(0);
        assertThat(map.byMap()).isTrue();
        assertThat(map.kind()).isEqualTo("write");
        assertThat(map.waitsPerSecond()).isEqualTo(3.0);
        assertThat(map.maxSeconds()).isEqualTo(0.25);
        LockRow ledger = frame.locks().get(1);
        assertThat(ledger.byMap()).isFalse();
        assertThat(ledger.waitsPerSecond()).isEqualTo(2.0);
        assertThat(ledger.secondsPerSecond()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void threadsAndAllocation() {
        Frame.Threads threads = frame.threads();
        assertThat(threads.livePlatform()).isEqualTo(32.0);
        assertThat(threads.platformStarted()).isEqualTo(10.0);
        assertThat(threads.platformEnded()).isEqualTo(9.0);
        assertThat(threads.liveVirtual()).as("no virtual series: JDK 17").isNaN();
        assertThat(threads.pinnedSecondsPerSecond()).isNaN();
        // 8 ended in the interval, 6 of them under 1 s
        assertThat(threads.shortLivedShare()).isEqualTo(0.75);
        assertThat(frame.allocation().bytesPerSecond()).isEqualTo(3_500_000.0);
        assertThat(frame.allocation().top())
                .extracting(Frame.ClassRate::className)
                .containsExactly("byte[]", "java.lang.String", "com.acme.Invoice");
    }
}
