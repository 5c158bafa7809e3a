package com.example.spring;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * {@code stock}: a plain {@code @Cacheable} over the {@link
 * org.springframework.cache.caffeine.CaffeineCacheManager}, whose {@code stock} cache is registered
 * up front (not final: proxied).
 */
@Service
public class Stock {

    @Cacheable(cacheNames = "stock", cacheManager = SpringCachesApp.CAFFEINE)
    public int level(int item) {
        return item * 7;
    }
}
