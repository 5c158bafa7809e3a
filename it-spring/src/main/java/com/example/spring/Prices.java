package com.example.spring;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/** {@code prices}: a plain {@code @Cacheable} over the {@link
 * org.springframework.cache.concurrent.ConcurrentMapCacheManager} (not final: proxied). */
@Service
public class Prices {

    @Cacheable(cacheNames = "prices", cacheManager = SpringCachesApp.CONCURRENT)
    public long price(String sku) {
        return sku.length() * 100L;
    }
}
