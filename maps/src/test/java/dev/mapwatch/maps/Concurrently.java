package dev.mapwatch.maps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicReference;

/** Runs a body in exactly N threads released together, joins them, and rethrows a failure. */
final class Concurrently {

    private Concurrently() {}

    interface Task<T> {
        T run(int thread) throws Exception;
    }

    interface Body {
        void run(int thread) throws Exception;
    }

    /** Runs {@code task} in {@code threads} threads; returns their results by thread index. */
    static <T> List<T> results(int threads, Task<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Object[] results = new Object[threads];
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread thread =
                    new Thread(
                            () -> {
                                try {
                                    start.await();
                                    results[index] = task.run(index);
                                } catch (Throwable e) {
                                    failure.compareAndSet(null, e);
                                }
                            },
                            "worker-" + t);
            started.add(thread);
            thread.start();
        }
        for (Thread thread : started) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a worker thread failed", failure.get());
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) Arrays.asList(results);
        return list;
    }

    /** Runs {@code body} in {@code threads} threads. */
    static void run(int threads, Body body) throws Exception {
        results(
                threads,
                t -> {
                    body.run(t);
                    return null;
                });
    }
}
