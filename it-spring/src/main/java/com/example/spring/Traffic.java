package com.example.spring;

import org.springframework.stereotype.Component;

/**
 * The known traffic of {@link SpringCachesApp}, call by call through the {@code @Cacheable} beans'
 * proxies and {@link Directory}'s own calls of {@code Cache.get}, each value checked. What each
 * cache's own statistics would say (a miss is a lookup that found nothing,
 * whether a load then ran, succeeded or failed; a load is a run of the loader a {@code sync = true}
 * lookup hands the cache):
 *
 * <pre>
 * cache    manager        path        misses  hits  loads ok  failed  entries
 * prices   ConcurrentMap  get(key)        3     7        -       -        3
 * users    ConcurrentMap  direct          3     4        -       -        2   (its own code)
 * quotes   ConcurrentMap  sync            3     2        2       1        2
 * stock    Caffeine       get(key)        4    11        -       -        4
 * rates    Caffeine       sync            5     7        4       1        4
 * late     Caffeine       get(key)        5     2        -       -        5   (on {@link #late()})
 * </pre>
 */
@Component
public class Traffic {

    private final Prices prices;
    private final Quotes quotes;
    private final Stock stock;
    private final Rates rates;
    private final Late late;
    private final Directory directory;

    Traffic(
            Prices prices,
            Quotes quotes,
            Stock stock,
            Rates rates,
            Late late,
            Directory directory) {
        this.prices = prices;
        this.quotes = quotes;
        this.stock = stock;
        this.rates = rates;
        this.late = late;
        this.directory = directory;
    }

    /** Every cache of the table but {@code late}, which does not exist after this. */
    public void startUp() {
        for (String sku : new String[] {"apple", "pear", "plum"}) {
            check(prices.price(sku), sku.length() * 100L); // 3 misses
        }
        for (int i = 0; i < 7; i++) {
            check(prices.price("apple"), 500L); // 7 hits
        }

        check(directory.name(1), "user 1"); // miss
        check(directory.name(2), "user 2"); // miss
        for (int i = 0; i < 3; i++) {
            check(directory.name(1), "user 1"); // 3 hits
        }
        check(directory.known(2), true); // hit
        check(directory.known(9), false); // miss

        loadFailing(() -> quotes.quote("ACME")); // miss, load failed
        check(quotes.quote("ACME"), Quotes.quoteOf("ACME")); // miss, load ok
        check(quotes.quote("ACME"), Quotes.quoteOf("ACME")); // hit
        check(quotes.quote("ACME"), Quotes.quoteOf("ACME")); // hit
        check(quotes.quote("INIT"), Quotes.quoteOf("INIT")); // miss, load ok

        for (int item = 1; item <= 4; item++) {
            check(stock.level(item), item * 7); // 4 misses
        }
        for (int i = 0; i < 11; i++) {
            check(stock.level(1 + i % 4), (1 + i % 4) * 7); // 11 hits
        }

        for (String currency : new String[] {"EUR", "USD", "CHF"}) {
            check(rates.rate(currency), Rates.rateOf(currency)); // 3 misses, 3 loads ok
        }
        for (int i = 0; i < 6; i++) {
            check(rates.rate("EUR"), Rates.rateOf("EUR")); // 6 hits
        }
        loadFailing(() -> rates.rate("XAU")); // miss, load failed
        check(rates.rate("XAU"), Rates.rateOf("XAU")); // miss, load ok
        check(rates.rate("XAU"), Rates.rateOf("XAU")); // hit
    }

    /** The cache {@code late}, created by its first lookup here: 5 misses, 2 hits. */
    public void late() {
        for (int key = 0; key < 5; key++) {
            check(late.value(key), "value " + key);
        }
        check(late.value(0), "value 0");
        check(late.value(4), "value 4");
    }

    /** Each call's value, hit or miss, is the method's: the counting changes none. */
    private static void check(Object actual, Object expected) {
        if (!actual.equals(expected)) {
            throw new IllegalStateException("got " + actual + ", not " + expected);
        }
    }

    /** Runs a lookup whose load is known to fail, and checks that it did. */
    private static void loadFailing(Runnable lookup) {
        try {
            lookup.run();
        } catch (FeedDownException expected) {
            return;
        }
        throw new IllegalStateException("the load was to fail");
    }
}
