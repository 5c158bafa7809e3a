package com.example.spring;

import java.util.HashSet;
import java.util.Set;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * {@code rates}: {@code @Cacheable(sync = true)} over the {@link
 * org.springframework.cache.caffeine.CaffeineCacheManager}, a cache it creates on first use; the
 * first load of {@code XAU} fails (not final: proxied).
 */
@Service
public class Rates {

    private final Set<String> failed = new HashSet<>();

    @Cacheable(cacheNames = "rates", cacheManager = SpringCachesApp.CAFFEINE, sync = true)
    public synchronized double rate(String currency) {
        if (currency.equals("XAU") && failed.add(currency)) {
            throw new FeedDownException(currency);
        }
        return rateOf(currency);
    }

    /** What {@link #rate} answers for {@code currency}. */
    static double rateOf(String currency) {
        return currency.charAt(0) / 50.0;
    }
}
