package com.example.caches;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.BufferedReader;
import java.io.InputStreamReader;

/**
 * For {@code CachesIT}: builds two caches with the few calls a "Caffeine" of a version the agent
 * does not know offers (the test compiles that library), uses them, prints {@code cached v1 v2},
 * and again on each input line (then {@code ok <line>}).
 */
public final class UnknownCaffeineApp {

    static final Cache<Integer, String> first = Caffeine.newBuilder().build();
    static final Cache<Integer, String> second = Caffeine.newBuilder().build();

    private UnknownCaffeineApp() {}

    public static void main(String[] args) throws Exception {
        first.put(1, "v1");
        second.put(2, "v2");
        System.out.println("cached " + first.getIfPresent(1) + " " + second.getIfPresent(2));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            System.out.println("cached " + first.getIfPresent(1) + " " + second.getIfPresent(2));
            System.out.println("ok " + line);
        }
    }
}
