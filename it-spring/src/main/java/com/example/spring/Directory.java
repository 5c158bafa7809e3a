package com.example.spring;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.stereotype.Service;

/**
 * {@code users}: a cache of the {@link
 * org.springframework.cache.concurrent.ConcurrentMapCacheManager} used by the application's own
 * code, no annotation: {@link Cache#get(Object, Class)} then {@link Cache#put}, and {@link
 * Cache#get(Object)}.
 */
@Service
public class Directory {

    private final Cache users;

    Directory(@Qualifier(SpringCachesApp.CONCURRENT) CacheManager caches) {
        Cache cache = caches.getCache("users");
        if (cache == null) {
            throw new IllegalStateException("no cache users");
        }
        this.users = cache;
    }

    /** The user's name, from the cache or put there: one lookup. */
    public String name(int id) {
        String name = users.get(id, String.class);
        if (name == null) {
            name = "user " + id;
            users.put(id, name);
        }
        return name;
    }

    /** Whether the cache holds the user: one lookup. */
    public boolean known(int id) {
        return users.get(id) != null;
    }
}
