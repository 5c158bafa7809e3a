package dev.mapwatch.maps;

import java.util.concurrent.TimeUnit;

/**
 * A program for {@link MapEventsChildJvmTest}: creates a map in a JVM whose recording was started
 * on the command line, counts 3 hits and 2 misses, and stays alive over two statistics periods.
 */
public final class StatisticsChild {

    private StatisticsChild() {}

    public static void main(String[] args) throws InterruptedException {
        WatchedMap<String, Integer> m = MapWatch.newMap("child-map", Strategy.STRIPED);
        m.put("a", 1);
        for (int i = 0; i < 3; i++) {
            m.get("a");
        }
        m.get("b");
        m.get("c");
        // The periodic event fires every second; live through two periods before exiting.
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2_200);
        while (System.nanoTime() - end < 0) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        System.out.println(m.stats().hits());
    }
}
