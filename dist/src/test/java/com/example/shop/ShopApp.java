package com.example.shop;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * An application that knows nothing of mapwatch, for {@code CountedMapsIT}: every command {@code
 * phase} runs exactly the same map operations, listed next to them (the IT's expectations); it
 * answers {@code ok phase}. Maps live in a static field, an instance field declared {@code Map}
 * (two objects), a {@code ConcurrentSkipListMap}, a local variable, a lambda, a local copy of a
 * field, a nested class, a class of its own class loader, and a {@code HashMap} field. The command
 * {@code load <millis>} looks keys up in {@code CATALOGUE} for that long, a quarter of them
 * absent, and prints the lookups it made ({@code loaded <hits> <misses>}, counted by itself,
 * exactly) before {@code ok load <millis>}.
 */
public final class ShopApp {

    static final ConcurrentHashMap<String, Integer> INVENTORY = new ConcurrentHashMap<>();
    private static final ConcurrentSkipListMap<String, Integer> RANKING =
            new ConcurrentSkipListMap<>();
    private static final Map<String, Integer> NOTES = new HashMap<>();

    /** For {@code load}: filled on first use with 750 of the 1 000 {@link #KEYS}, every fourth one left out. */
    private static final ConcurrentHashMap<Integer, Integer> CATALOGUE = new ConcurrentHashMap<>();

    private static final Integer[] KEYS = new Integer[1_000];
    private static final Shop[] SHOPS = {new Shop(), new Shop()};
    private static final Warehouse WAREHOUSE = new Warehouse();
    private static Runnable plugin;
    public static volatile Object sink;

    private ShopApp() {}

    public static void main(String[] args) throws Exception {
        URL classes = ShopApp.class.getProtectionDomain().getCodeSource().getLocation();
        // Its own class loader (no parent but the bootstrap one): a second world of classes.
        ClassLoader isolated = new URLClassLoader(new URL[] {classes}, null);
        plugin =
                (Runnable)
                        isolated.loadClass("com.example.shop.plugin.Plugin")
                                .getDeclaredConstructor()
                                .newInstance();
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("phase")) {
                phase();
                System.out.println("ok phase");
            } else if (line.startsWith("load ")) {
                long[] made = load(Long.parseLong(line.substring("load ".length())));
                System.out.println("loaded " + made[0] + " " + made[1]);
                System.out.println("ok " + line);
            }
        }
    }

    /** One phase; a method of its own, so a retransformed version runs from the next call on. */
    static void phase() {
        INVENTORY.put("apple", 1); // INVENTORY: puts 3
        INVENTORY.put("pear", 2);
        INVENTORY.put("plum", 3);
        sink = INVENTORY.get("apple"); // INVENTORY: hits 2, misses 1
        sink = INVENTORY.get("pear");
        sink = INVENTORY.get("kiwi");
        RANKING.put("a", 1); // RANKING: puts 2, removals 1, size 1
        RANKING.put("b", 2);
        RANKING.remove("a");
        NOTES.put("note", 1); // a HashMap: never counted
        sink = NOTES.get("note");
        for (Shop shop : SHOPS) {
            shop.sell(); // Shop.prices (2 objects): puts 2, hits 2, misses 2, size 2
        }
        WAREHOUSE.store(); // ShopApp$Warehouse.shelves: puts 2, size 1
        Map<String, Integer> basket = new ConcurrentHashMap<>();
        basket.put("item", 1); // marker:basket          location: puts 1
        Map<String, Integer> orders = new ConcurrentHashMap<>();
        // The lambda's site (location): misses 1, puts 1. Kept on one line, the line the IT names.
        Supplier<Integer> order = () -> orders.computeIfAbsent("o", k -> 7); // marker:lambda
        sink = order.get();
        plugin.run(); // plugin.Plugin.cache: hits 1, misses 1, puts 1, removals 1
    }

    /**
     * Looks up the 1 000 keys in turn, again and again, for {@code millis}: a load whose miss ratio
     * is exactly 0.25 in every stretch of 1 000 lookups (a few microseconds). As an application
     * thread does more than look up, there is some arithmetic between lookups, and a pause of 0.2
     * ms after every 20 000 lookups (about 0.5 ms of work), as if waiting for the next request.
     *
     * @return the lookups made: hits, misses
     */
    static long[] load(long millis) {
        if (CATALOGUE.isEmpty()) {
            for (int k = 0; k < KEYS.length; k++) {
                KEYS[k] = k;
                if (k % 4 != 0) {
                    CATALOGUE.put(KEYS[k], k);
                }
            }
        }
        long hits = 0;
        long misses = 0;
        long x = 1;
        long deadline = System.nanoTime() + millis * 1_000_000;
        for (int round = 1; System.nanoTime() - deadline < 0; round++) {
            if (round % 20 == 0) {
                LockSupport.parkNanos(200_000);
            }
            for (Integer key : KEYS) {
                if (CATALOGUE.get(key) != null) {
                    hits++;
                } else {
                    misses++;
                }
                for (int i = 0; i < 4; i++) {
                    x ^= x << 13; // xorshift: work without memory traffic
                    x ^= x >>> 7;
                    x ^= x << 17;
                }
            }
        }
        sink = x;
        return new long[] {hits, misses};
    }

    /** A nested class with its own map. */
    static final class Warehouse {
        private final ConcurrentMap<String, Integer> shelves = new ConcurrentHashMap<>();

        void store() {
            shelves.merge("bolt", 1, Integer::sum);
            shelves.merge("bolt", 1, Integer::sum);
        }
    }
}
