package dev.mapwatch.agent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code mapwatch-<role>-<n>}, so a thread dump shows whose they are. */
public final class DaemonThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger sequence = new AtomicInteger();

    private DaemonThreads(String role) {
        this.prefix = "mapwatch-" + role + "-";
    }

    /** A factory for threads of one role, e.g. {@code http}. */
    public static DaemonThreads named(String role) {
        return new DaemonThreads(role);
    }

    /** One daemon thread with exactly this name (which must start with {@code mapwatch-}). */
    public static Thread single(String name, Runnable task) {
        if (!name.startsWith("mapwatch-")) {
            throw new IllegalArgumentException("agent threads are named mapwatch-*: " + name);
        }
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public Thread newThread(Runnable task) {
        return single(prefix + sequence.incrementAndGet(), task);
    }
}
