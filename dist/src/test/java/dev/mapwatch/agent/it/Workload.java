package dev.mapwatch.agent.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import jdk.jfr.Event;
import jdk.jfr.Name;

/**
 * The application the integration tests watch: it does exactly what the test asks on stdin, one
 * command per line, and answers {@code ok <command>} when done (or {@code unsupported <command>}).
 * Commands:
 * <ul>
 *   <li>{@code threads N}: start N platform threads and wait until they have ended;
 *   <li>{@code virtual M}: the same with M virtual threads (JDK 21+);
 *   <li>{@code monitor W MS}: one thread holds a {@link ContendedMonitor} for MS ms while W others block on it;
 *   <li>{@code monitor-lambda W MS}: the same with a lambda (a hidden class) as the monitor;
 *   <li>{@code park W MS}: the same with a {@link ReentrantLock} (threads park);
 *   <li>{@code allocate MB}: allocate about MB megabytes of {@link Payload} objects;
 *   <li>{@code map NAME STRATEGY H M}: a watched map with exactly H hits and M misses (needs mapwatch-maps);
 *   <li>{@code broken K}: commit K {@code mapwatch.MapPromotion} events without a map name, as a
 *       broken or foreign maps library might; the agent's handler throws on each (the fault test's trigger);
 *   <li>{@code list-threads}: print {@code thread <name> daemon=<true|false>} for every live thread;
 *   <li>{@code exit}: exit with status 0 (so does the end of stdin).
 * </ul>
 */
public final class Workload {

    /** The class whose monitor is contended; its name is asserted on. */
    public static final class ContendedMonitor {}

    /** The class allocated by {@code allocate}; 16 longs make it 144 bytes with a header. */
    public static final class Payload {
        long a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15;
    }

    /** A promotion event without the {@code map} field set. */
    @Name("mapwatch.MapPromotion")
    static final class BrokenPromotion extends Event {
        String map;
        String strategy = "SYNC_MAP";
        long entries = 1;
    }

    static volatile Object sink;

    private Workload() {}

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            String command = line.trim();
            String[] words = command.split(" ");
            boolean done =
                    switch (words[0]) {
                        case "threads" -> platformThreads(Integer.parseInt(words[1]));
                        case "virtual" -> virtualThreads(Integer.parseInt(words[1]));
                        case "monitor" ->
                                monitor(Integer.parseInt(words[1]), Long.parseLong(words[2]));
                        case "monitor-lambda" ->
                                monitor(
                                        (Runnable) () -> {},
                                        Integer.parseInt(words[1]),
                                        Long.parseLong(words[2]));
                        case "park" -> park(Integer.parseInt(words[1]), Long.parseLong(words[2]));
                        case "allocate" -> allocate(Integer.parseInt(words[1]));
                        case "broken" -> broken(Integer.parseInt(words[1]));
                        case "list-threads" -> listThreads();
                        case "map" ->
                                MapsWorkload.lookups(
                                        words[1],
                                        dev.mapwatch.maps.Strategy.valueOf(words[2]),
                                        Integer.parseInt(words[3]),
                                        Integer.parseInt(words[4]));
                        case "exit" -> {
                            System.out.println("bye");
                            System.exit(0);
                            yield true;
                        }
                        default -> throw new IllegalArgumentException("unknown command " + command);
                    };
            System.out.println((done ? "ok " : "unsupported ") + command);
        }
    }

    static boolean platformThreads(int n) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread thread = new Thread(() -> sink = new Object(), "workload-platform-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return true;
    }

    static boolean virtualThreads(int m) throws Exception {
        Method start;
        try {
            start = Thread.class.getMethod("startVirtualThread", Runnable.class);
        } catch (NoSuchMethodException e) {
            return false; // JDK 17-20: no virtual threads (or only as a preview)
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            threads.add((Thread) start.invoke(null, (Runnable) () -> sink = new Object()));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return true;
    }

    static boolean monitor(int waiters, long holdMillis) throws InterruptedException {
        return monitor(new ContendedMonitor(), waiters, holdMillis);
    }

    static boolean monitor(Object monitor, int waiters, long holdMillis)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        synchronized (monitor) {
            for (int i = 0; i < waiters; i++) {
                Thread waiter =
                        new Thread(
                                () -> {
                                    synchronized (monitor) {
                                        sink = monitor;
                                    }
                                },
                                "workload-monitor-" + i);
                waiter.start();
                threads.add(waiter);
            }
            awaitState(threads, Thread.State.BLOCKED);
            Thread.sleep(holdMillis); // the workload itself: hold the monitor while the others wait
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return true;
    }

    static boolean park(int waiters, long holdMillis) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        List<Thread> threads = new ArrayList<>();
        lock.lock();
        try {
            for (int i = 0; i < waiters; i++) {
                Thread waiter =
                        new Thread(
                                () -> {
                                    lock.lock();
                                    lock.unlock();
                                },
                                "workload-park-" + i);
                waiter.start();
                threads.add(waiter);
            }
            while (lock.getQueueLength() < waiters) {
                Thread.onSpinWait();
            }
            awaitState(threads, Thread.State.WAITING);
            Thread.sleep(holdMillis); // the workload itself: hold the lock while the others park
        } finally {
            lock.unlock();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return true;
    }

    private static void awaitState(List<Thread> threads, Thread.State state) {
        for (Thread thread : threads) {
            while (thread.getState() != state) {
                Thread.onSpinWait();
            }
        }
    }

    static boolean allocate(int megabytes) {
        long objects = megabytes * 1024L * 1024L / 144;
        Payload[] window = new Payload[1024];
        for (long i = 0; i < objects; i++) {
            Payload payload = new Payload();
            payload.a0 = i;
            window[(int) (i & 1023)] = payload;
        }
        sink = window;
        return true;
    }

    static boolean listThreads() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            System.out.println("thread " + thread.getName() + " daemon=" + thread.isDaemon());
        }
        return true;
    }

    static boolean broken(int count) {
        for (int i = 0; i < count; i++) {
            BrokenPromotion event = new BrokenPromotion();
            event.begin();
            event.commit();
        }
        return true;
    }
}
