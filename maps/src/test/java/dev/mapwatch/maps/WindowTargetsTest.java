package dev.mapwatch.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How sampling windows reach the counters: opened and closed one target at a time, held weakly, bounded. */
class WindowTargetsTest {

    @TempDir Path dir;

    @Test
    void sampledCountersCountOnlyWhileTheirWindowIsOpenAddingItsWeight() {
        // not registered, so that only this test opens and closes its window
        MapCounters counters = MapCounters.createUnregistered(Counting.SAMPLED);
        assertThat(counters.counting()).isEqualTo(Counting.SAMPLED);
        counters.recordLookup(true);
        counters.recordPut();
        assertThat(
                        new long[] {
                            counters.hits(), counters.misses(), counters.puts(), counters.removals()
                        })
                .containsExactly(0, 0, 0, 0);

        counters.window().openWindow(7);
        for (int i = 0; i < 3; i++) {
            counters.recordLookup(true);
        }
        counters.recordLookup(false);
        counters.recordLookup(false);
        counters.recordPut();
        counters.recordRemovals(4);
        counters.window().closeWindow();
        counters.recordLookup(true);
        counters.recordRemovals(1);

        assertThat(
                        new long[] {
                            counters.hits(), counters.misses(), counters.puts(), counters.removals()
                        })
                .containsExactly(21, 14, 7, 28);
    }

    @Test
    void exactCountersIgnoreTheWindows() {
        MapCounters counters = MapCounters.create(Counting.EXACT);
        assertThat(counters.window()).isNull();
        for (int i = 0; i < 5; i++) {
            counters.recordLookup(i % 2 == 0);
        }
        assertThat(counters.hits()).isEqualTo(3);
        assertThat(counters.misses()).isEqualTo(2);
    }

    @Test
    void theSamplerOpensAndClosesEveryRegisteredTarget() throws InterruptedException {
        assertThat(SamplingWindows.start()).isTrue();
        Recorder target = new Recorder(10);
        WindowTargets.add(target);
        assertThat(target.closes.await(10, TimeUnit.SECONDS))
                .as("ten windows closed within 10 s")
                .isTrue();
        assertThat(target.opens.get()).isGreaterThanOrEqualTo(10);
        assertThat(target.lastWeight).isPositive();
    }

    @Test
    void targetsNoLongerReachableAreForgotten() throws InterruptedException {
        assertThat(SamplingWindows.start()).isTrue();
        List<Recorder> held = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            held.add(new Recorder(0));
            WindowTargets.add(held.get(i));
        }
        int withThem = WindowTargets.size();
        ReferenceQueue<Recorder> collected = new ReferenceQueue<>();
        List<WeakReference<Recorder>> refs = new ArrayList<>();
        for (Recorder r : held) {
            refs.add(new WeakReference<>(r, collected));
        }
        held.clear();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int cleared = 0;
        while (cleared < 1_000) { // every one, whichever generation it lives in
            assertThat(System.nanoTime())
                    .as("all 1 000 collected within 20 s, " + cleared + " were")
                    .isLessThan(deadline);
            System.gc();
            while (collected.remove(100) != null) { // blocks up to 100 ms for the collector
                cleared++;
            }
        }
        // the sampler forgets collected targets when it closes a window: wait for two closes
        Recorder witness = new Recorder(2);
        WindowTargets.add(witness);
        assertThat(witness.closes.await(10, TimeUnit.SECONDS))
                .as("two windows closed within 10 s")
                .isTrue();
        assertThat(WindowTargets.size())
                .as("targets held after the collection")
                .isLessThanOrEqualTo(withThem - 1_000 + 1);
    }

    @Test
    void pastTheBoundNewSampledMapsCountExactlyAndSaySoOnce() throws Exception {
        String java =
                System.getProperty("mapwatch.test.java.home", System.getProperty("java.home"))
                        + "/bin/java";
        Path log = dir.resolve("child.log");
        Process child =
                new ProcessBuilder(
                                java,
                                "-D" + WindowTargets.MAX_TARGETS_PROPERTY + "=3",
                                "-cp",
                                System.getProperty("java.class.path"),
                                Child.class.getName())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        String output = Files.readString(log);
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("countings [SAMPLED, SAMPLED, SAMPLED, EXACT, EXACT]");
        assertThat(output.split("3 sampled maps are live; further ones count exactly", -1))
                .as(output)
                .hasSize(2);
    }

    /** Five sampled maps, held, with a bound of three. */
    public static final class Child {
        public static void main(String[] args) {
            List<WatchedMap<String, String>> maps = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                maps.add(MapWatch.builder("bounded-" + i).counting(Counting.SAMPLED).build());
            }
            System.out.println("countings " + maps.stream().map(WatchedMap::counting).toList());
        }
    }

    /** Counts the windows opened on it; {@code closes} opens after the given number of closes. */
    private static final class Recorder implements WindowTarget {
        final AtomicInteger opens = new AtomicInteger();
        final CountDownLatch closes;
        volatile int lastWeight;

        Recorder(int closes) {
            this.closes = new CountDownLatch(closes);
        }

        @Override
        public void openWindow(int weight) {
            lastWeight = weight;
            opens.incrementAndGet();
        }

        @Override
        public void closeWindow() {
            closes.countDown();
        }
    }
}
