package com.example.cache;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application that knows nothing of mapwatch, for {@code MapContentionIT}: a cache that loads
 * each key with a slow function inside the map's bin lock (the pattern behind real outages), next
 * to a busy map that no two threads ever touch at once.
 *
 * <p>{@code rounds <op> <rounds> <threads> <millis> [sleep|wait]}: each round takes a new key of {@link #SLOW}
 * and releases {@code threads} threads together onto {@code op} ({@code computeIfAbsent}, {@code
 * compute} or {@code merge}) of that key; the first mapping function of the round to run sleeps
 * {@code millis} while it holds the bin's lock (the others return at once), so exactly {@code
 * threads - 1} threads wait that long for it, once each: with {@code sleep} (the default) in {@code
 * Thread.sleep}, with {@code wait} waiting for a reply that does not come ({@code
 * CountDownLatch.await} with a timeout, as a load waiting on a remote call parks). Meanwhile one thread
 * merges into {@link #BUSY} without a pause. Prints {@code loads <n>} (mapping functions that ran)
 * and {@code busy <n>} (merges into {@link #BUSY}) before {@code ok <command>}.
 */
public final class SlowCacheApp {

    static final ConcurrentHashMap<Integer, Long> SLOW = new ConcurrentHashMap<>();
    static final ConcurrentHashMap<Integer, Long> BUSY = new ConcurrentHashMap<>();
    private static int nextKey;

    private SlowCacheApp() {}

    public static void main(String[] args) throws Exception {
        System.out.println("ready " + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.split(" ");
            if (words[0].equals("rounds")) {
                AtomicLong busyMerges = new AtomicLong();
                long loads =
                        rounds(
                                words[1],
                                Integer.parseInt(words[2]),
                                Integer.parseInt(words[3]),
                                Long.parseLong(words[4]),
                                words.length > 5 && words[5].equals("wait"),
                                busyMerges);
                System.out.println("loads " + loads);
                System.out.println("busy " + busyMerges.get());
                System.out.println("ok " + line);
            }
        }
    }

    private static long rounds(
            String op,
            int rounds,
            int threads,
            long millis,
            boolean waitForReply,
            AtomicLong busyMerges)
            throws Exception {
        AtomicLong loads = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch busyStarted = new CountDownLatch(1);
        Thread busy =
                new Thread(
                        () -> {
                            busyStarted.countDown();
                            long merges = 0;
                            for (int i = 0; !done.get(); i++) {
                                BUSY.merge(i & 127, 1L, Long::sum);
                                merges++;
                            }
                            busyMerges.set(merges);
                        },
                        "busy");
        busy.start();
        busyStarted.await();
        for (int round = 0; round < rounds; round++) {
            int key = nextKey++;
            if (op.equals("merge")) {
                SLOW.put(key, 0L); // merge runs its function only on a present key
            }
            AtomicBoolean slowOnce = new AtomicBoolean();
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread caller =
                        new Thread(
                                () -> {
                                    try {
                                        start.await();
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                    call(
                                            op,
                                            key,
                                            () -> {
                                                loads.incrementAndGet();
                                                if (slowOnce.compareAndSet(false, true)) {
                                                    if (waitForReply) {
                                                        awaitReply(millis);
                                                    } else {
                                                        sleep(millis);
                                                    }
                                                }
                                            });
                                },
                                "caller-" + t);
                caller.start();
                callers.add(caller);
            }
            for (Thread caller : callers) {
                caller.join();
            }
        }
        done.set(true);
        busy.join();
        return loads.get();
    }

    private static void call(String op, int key, Runnable load) {
        switch (op) {
            case "computeIfAbsent" ->
                    SLOW.computeIfAbsent(
                            key,
                            k -> {
                                load.run();
                                return 1L;
                            });
            case "compute" ->
                    SLOW.compute(
                            key,
                            (k, v) -> {
                                load.run();
                                return v == null ? 1L : v + 1;
                            });
            case "merge" ->
                    SLOW.merge(
                            key,
                            1L,
                            (a, b) -> {
                                load.run();
                                return a + b;
                            });
            default -> throw new IllegalArgumentException(op);
        }
    }

    private static void awaitReply(long millis) {
        try {
            boolean replied = new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
            if (replied) {
                throw new IllegalStateException("nobody replies");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
