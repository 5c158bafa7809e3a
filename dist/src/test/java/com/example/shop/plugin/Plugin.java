package com.example.shop.plugin;

import java.util.concurrent.ConcurrentHashMap;

/** Loaded by a class loader of its own (see ShopApp). */
public final class Plugin implements Runnable {

    private final ConcurrentHashMap<String, Integer> cache = new ConcurrentHashMap<>();

    @Override
    public void run() {
        cache.putIfAbsent("k", 1); // misses 1, puts 1
        cache.putIfAbsent("k", 2); // hits 1
        cache.remove("k"); // removals 1
    }
}
