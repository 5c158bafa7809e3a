package dev.mapwatch.agent.it;

/**
 * An application whose known quantities all happen from the first line of {@code main}, without
 * waiting for any agent: a contended monitor (one holder for 200 ms, three waiters), 32 MB of
 * {@link Workload.Payload}, and waves of short platform threads at 0, 50, 100, 250, 500, 750, 1000
 * and 1500 ms (args: number of waves, 0 to 8, and threads per wave). Then it prints {@code ready}
 * and takes {@link Workload}'s commands on stdin.
 */
public final class FirstSecond {

    private static final long[] WAVE_AT_MILLIS = {0, 50, 100, 250, 500, 750, 1000, 1500};

    private FirstSecond() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        int waves = Integer.parseInt(args[0]);
        int perWave = Integer.parseInt(args[1]);
        Thread contention =
                new Thread(
                        () -> {
                            try {
                                Workload.monitor(3, 200);
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "first-second-contention");
        contention.start();
        Workload.allocate(32);
        for (int wave = 0; wave < waves; wave++) {
            long due = start + WAVE_AT_MILLIS[wave] * 1_000_000L;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(
                        wait / 1_000_000L,
                        (int) (wait % 1_000_000L)); // the workload's own schedule
            }
            Workload.platformThreads(perWave);
        }
        contention.join();
        Workload.main(new String[0]);
    }
}
