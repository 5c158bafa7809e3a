package com.example.shop;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One of several objects holding a map in the same field (their counts add up). */
final class Shop {

    private final Map<String, Integer> prices = new ConcurrentHashMap<>();

    void sell() {
        prices.put("apple", 3); // puts 1
        ShopApp.sink = prices.get("apple"); // hits 1
        Map<String, Integer> copy = prices; // a local copy of the field: still Shop.prices
        ShopApp.sink = copy.get("pear"); // misses 1
    }
}
