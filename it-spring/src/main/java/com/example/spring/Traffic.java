package com.example.spring;

import org.springframework.stereotype.Component;

/**
 * The known traffic of {@link SpringCachesApp}, call by call through the {@code @Cacheable} beans'
 * proxies. What each cache's own statistics would say (a miss is a lookup that found nothing,
 * whether a load then ran, succeeded or failed; a load is a run of the loader a {@code sync = true}
 * lookup hands the cache):
 *
 * <pre>
 * cache    manager        path        misses  hits  loads ok  failed  entries
 * prices   ConcurrentMap  get(key)        3     7        -       -        3
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

    Traffic(Prices prices, Quotes quotes, Stock stock, Rates rates, Late late) {
        this.prices = prices;
        this.quotes = quotes;
        this.stock = stock;
        this.rates = rates;
        this.late = late;
    }

    /** Every cache of the table but {@code late}, which does not exist after this. */
    public void startUp() {
        for (String sku : new String[] {"apple", "pear", "plum"}) {
            prices.price(sku); // 3 misses
        }
        for (int i = 0; i < 7; i++) {
            prices.price("apple"); // 7 hits
        }

        loadFailing(() -> quotes.quote("ACME")); // miss, load failed
        quotes.quote("ACME"); // miss, load ok
        quotes.quote("ACME"); // hit
        quotes.quote("ACME"); // hit
        quotes.quote("INIT"); // miss, load ok

        for (int item = 1; item <= 4; item++) {
            stock.level(item); // 4 misses
        }
        for (int i = 0; i < 11; i++) {
            stock.level(1 + i % 4); // 11 hits
        }

        for (String currency : new String[] {"EUR", "USD", "CHF"}) {
            rates.rate(currency); // 3 misses, 3 loads ok
        }
        for (int i = 0; i < 6; i++) {
            rates.rate("EUR"); // 6 hits
        }
        loadFailing(() -> rates.rate("XAU")); // miss, load failed
        rates.rate("XAU"); // miss, load ok
        rates.rate("XAU"); // hit
    }

    /** The cache {@code late}, created by its first lookup here: 5 misses, 2 hits. */
    public void late() {
        for (int key = 0; key < 5; key++) {
            late.value(key);
        }
        late.value(0);
        late.value(4);
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
