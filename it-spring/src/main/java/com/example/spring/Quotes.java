package com.example.spring;

import java.util.HashSet;
import java.util.Set;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * {@code quotes}: {@code @Cacheable(sync = true)} over the {@link
 * org.springframework.cache.concurrent.ConcurrentMapCacheManager}, so the cache runs the load; the
 * first load of {@code ACME} fails (not final: proxied).
 */
@Service
public class Quotes {

    private final Set<String> failed = new HashSet<>();

    @Cacheable(cacheNames = "quotes", cacheManager = SpringCachesApp.CONCURRENT, sync = true)
    public synchronized double quote(String symbol) {
        if (symbol.equals("ACME") && failed.add(symbol)) {
            throw new FeedDownException(symbol);
        }
        return quoteOf(symbol);
    }

    /** What {@link #quote} answers for {@code symbol}. */
    static double quoteOf(String symbol) {
        return symbol.hashCode() / 100.0;
    }
}
