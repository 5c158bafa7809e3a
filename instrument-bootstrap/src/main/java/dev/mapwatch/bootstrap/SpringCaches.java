package dev.mapwatch.bootstrap;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the lookups of Spring's cache abstraction ({@code org.springframework.cache.Cache}), by
 * the cache's own name ({@code getName()}), strategy {@value #STRATEGY}: the rewritten call sites of
 * Spring's {@code @Cacheable} interceptor, and those of the {@code maps=} packages, keep their call
 * and pass its result here:
 *
 * <ul>
 *   <li>{@code get(key)} and {@code get(key, type)}: a hit when the result is not null;
 *   <li>{@code get(key, loader)} ({@code @Cacheable(sync = true)}): the loader is wrapped ({@link
 *       #loader}); when it runs, the lookup is a miss and a load, timed, failed when it throws (a null is a value Spring caches);
 *       otherwise a hit ({@link #loaded}).
 * </ul>
 *
 * <p>The cache underneath (a {@code ConcurrentMap}, or a Caffeine cache that {@code
 * CaffeineCacheManager} built inside Spring) is not counted again: Spring's code is not rewritten
 * for its maps or builds; and a cache that the application built in counted code and handed to
 * Spring ({@code registerCustomCache}) is reported by Spring's name only, from the Spring cache's
 * first lookup on ({@link MapSites#shadowCachesOf}). A cache whose name cannot be read is not
 * counted and works as before.
 *
 * <p>Cost: a method handle call for the name and a map lookup by it per lookup, next to Spring's
 * interceptor, which costs microseconds.
 */
public final class SpringCaches {

    /** The {@code strategy} label of Spring's caches. */
    public static final String STRATEGY = "SpringCache";

    private static final MethodHandle NONE =
            MethodHandles.dropArguments(
                    MethodHandles.constant(Object.class, null), 0, Object.class);

    /** Per cache class: {@code getName()} and {@code getNativeCache()}, or {@link #NONE}. */
    private static final ClassValue<MethodHandle[]> METHODS =
            new ClassValue<>() {
                @Override
                protected MethodHandle[] computeValue(Class<?> type) {
                    return methods(type);
                }
            };

    private static final Map<String, SiteCounters> BY_NAME = new ConcurrentHashMap<>();

    private SpringCaches() {}

    /** {@code cache.get(key)} or {@code cache.get(key, type)} returned {@code result}. */
    public static Object get(Object cache, Object result) {
        SiteCounters counters = counters(cache);
        if (counters != null) {
            counters.cache.recordLookup(result != null);
        }
        return result;
    }

    /** The loader to pass to {@code cache.get(key, loader)} instead of {@code loader}. */
    public static Callable<?> loader(Object cache, Callable<?> loader) {
        SiteCounters counters = counters(cache);
        return counters == null || loader == null ? loader : new Loading(counters, loader);
    }

    /** {@code cache.get(key, w)} returned {@code result}: a hit unless {@code w} ran. */
    public static Object loaded(Object result, Object wrapper) {
        if (wrapper instanceof Loading loading && !loading.ran) {
            loading.counters.cache.recordLookup(true);
        }
        return result;
    }

    private static SiteCounters counters(Object cache) {
        if (cache == null) {
            return null;
        }
        try {
            MethodHandle[] methods = METHODS.get(cache.getClass());
            Object name = methods[0].invoke(cache);
            if (!(name instanceof String cacheName)) {
                return null;
            }
            SiteCounters counters = BY_NAME.get(cacheName);
            if (counters == null) {
                counters =
                        BY_NAME.computeIfAbsent(
                                cacheName,
                                n -> {
                                    Object nativeCache = nativeCache(cache);
                                    if (nativeCache != null) {
                                        MapSites.shadowCachesOf(nativeCache);
                                    }
                                    return MapSites.springCounters(n, SpringCaches::size);
                                });
            }
            counters.see(cache);
            return counters;
        } catch (Throwable e) {
            return null; // a cache we cannot name: it works as before, uncounted
        }
    }

    private static Object nativeCache(Object cache) {
        try {
            return METHODS.get(cache.getClass())[1].invoke(cache);
        } catch (Throwable e) {
            return null;
        }
    }

    /** The entries of a Spring cache: its native cache's, a map's size or a Caffeine's estimate. */
    private static long size(Object cache) {
        try {
            Object nativeCache = nativeCache(cache);
            if (nativeCache instanceof Map<?, ?> map) {
                return map.size();
            }
            if (nativeCache != null) {
                Method estimate = publicMethod(nativeCache.getClass(), "estimatedSize");
                if (estimate == null) {
                    estimate = publicMethod(nativeCache.getClass(), "size");
                }
                if (estimate != null && estimate.invoke(nativeCache) instanceof Number n) {
                    return n.longValue();
                }
            }
            return 0;
        } catch (Throwable e) {
            return 0;
        }
    }

    /**
     * A no-argument method of a public interface of {@code type} or of its interfaces' (the class
     * and the interfaces it implements directly may be package-private, as Caffeine's are).
     */
    private static Method publicMethod(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> api : c.getInterfaces()) {
                Method found = publicMethodOf(api, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Method publicMethodOf(Class<?> api, String name) {
        if (java.lang.reflect.Modifier.isPublic(api.getModifiers())) {
            try {
                return api.getMethod(name);
            } catch (NoSuchMethodException e) {
                // not this one
            }
        }
        for (Class<?> parent : api.getInterfaces()) {
            Method found = publicMethodOf(parent, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static MethodHandle[] methods(Class<?> type) {
        Class<?> api = springCache(type);
        if (api == null) {
            return new MethodHandle[] {NONE, NONE};
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodType object = MethodType.methodType(Object.class, Object.class);
            return new MethodHandle[] {
                lookup.findVirtual(api, "getName", MethodType.methodType(String.class))
                        .asType(object),
                lookup.findVirtual(api, "getNativeCache", MethodType.methodType(Object.class))
                        .asType(object)
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new MethodHandle[] {NONE, NONE};
        }
    }

    /** The {@code org.springframework.cache.Cache} interface that {@code type} implements, or null. */
    private static Class<?> springCache(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> api : c.getInterfaces()) {
                if (api.getName().equals("org.springframework.cache.Cache")) {
                    return api;
                }
                Class<?> inherited = springCache(api);
                if (inherited != null) {
                    return inherited;
                }
            }
        }
        return null;
    }

    /** A {@code @Cacheable(sync = true)} loader: its run is a miss and a load, timed. */
    private static final class Loading implements Callable<Object> {
        final SiteCounters counters;
        private final Callable<?> loader;
        volatile boolean ran;

        Loading(SiteCounters counters, Callable<?> loader) {
            this.counters = counters;
            this.loader = loader;
        }

        @Override
        public Object call() throws Exception {
            ran = true;
            counters.cache.recordLookup(false);
            long start = System.nanoTime();
            boolean loaded = false;
            try {
                Object value = loader.call();
                loaded = true; // null is a value Spring caches, not a failure
                return value;
            } finally {
                long nanos = System.nanoTime() - start;
                if (loaded) {
                    counters.cache.recordLoadSuccess(nanos);
                } else {
                    counters.cache.recordLoadFailure(nanos);
                }
            }
        }
    }
}
