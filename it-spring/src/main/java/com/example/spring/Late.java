package com.example.spring;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * {@code late}: a plain {@code @Cacheable} over the {@link
 * org.springframework.cache.caffeine.CaffeineCacheManager}, whose cache is created by the first call,
 * long after start-up ({@link Traffic#late()}; not final: proxied).
 */
@Service
public class Late {

    @Cacheable(cacheNames = "late", cacheManager = SpringCachesApp.CAFFEINE)
    public String value(int key) {
        return "value " + key;
    }
}
