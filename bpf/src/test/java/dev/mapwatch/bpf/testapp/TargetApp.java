package dev.mapwatch.bpf.testapp;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A child JVM the bpf tests trace. It prints {@code ready}, then obeys one command per stdin
 * line, printing {@code ok <command>} after each, and exits on {@code exit} or end of input:
 * <ul>
 *   <li>{@code threads N}: starts N threads named {@code churn-worker-<i>} and joins them;
 *   <li>{@code contend T R}: T threads each take the monitor of one {@link ContendedLock} R times,
 *       holding it 1 ms, so they contend;
 *   <li>{@code sleep N}: a thread named {@code sleeper} sleeps N times 20 ms (off CPU, blocked);
 *   <li>{@code work MS}: the main thread walks a 64 MiB array for MS milliseconds (cache traffic).
 * </ul>
 */
public final class TargetApp {

    private TargetApp() {}

    public static void main(String[] args) throws Exception {
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready");
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null && !line.equals("exit")) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "threads" -> threads(Integer.parseInt(words[1]));
                case "contend" -> contend(Integer.parseInt(words[1]), Integer.parseInt(words[2]));
                case "sleep" -> sleep(Integer.parseInt(words[1]));
                case "work" -> work(Long.parseLong(words[1]));
                default -> throw new IllegalArgumentException(line);
            }
            System.out.println("ok " + line);
            System.out.flush();
        }
    }

    private static void threads(int n) throws InterruptedException {
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = new Thread(() -> {}, "churn-worker-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void contend(int n, int rounds) throws InterruptedException {
        ContendedLock lock = new ContendedLock();
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] =
                    new Thread(
                            () -> {
                                for (int r = 0; r < rounds; r++) {
                                    lock.hold(1);
                                }
                            },
                            "contender-" + i);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void sleep(int times) throws InterruptedException {
        Thread sleeper =
                new Thread(
                        () -> {
                            try {
                                for (int i = 0; i < times; i++) {
                                    Thread.sleep(20);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "sleeper");
        sleeper.start();
        sleeper.join();
    }

    static volatile long sink;

    private static void work(long millis) {
        long[] data = new long[8 << 20];
        long end = System.nanoTime() + millis * 1_000_000;
        long sum = 0;
        int i = 0;
        while (System.nanoTime() < end) {
            for (int k = 0; k < 100_000; k++) {
                i = (int) ((i * 1103515245L + 12345) & (data.length - 1));
                sum += data[i]++;
            }
        }
        sink = sum;
    }
}
