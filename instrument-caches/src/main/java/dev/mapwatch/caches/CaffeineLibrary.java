package dev.mapwatch.caches;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import dev.mapwatch.bootstrap.CacheCounters;
import dev.mapwatch.bootstrap.CacheLibrary;
import java.lang.reflect.Field;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Caffeine (2.8 and later, 3.x): the builder's {@code statsCounterSupplier}, the field behind
 * {@code recordStats(Supplier)}, is set to one that makes a {@link CaffeineStatsCounter} per cache,
 * which forwards to the application's own counter when it had asked for statistics. The field is
 * written directly, not through {@code recordStats}, because that refuses a second call, and a
 * builder that the application already told to record statistics must keep them.
 */
public final class CaffeineLibrary implements CacheLibrary {

    private final Field supplier;

    /**
     * Checks that this Caffeine is one the hook fits.
     *
     * @throws ReflectiveOperationException naming what this version lacks
     */
    public CaffeineLibrary(Class<?> builder) throws ReflectiveOperationException {
        if (builder != Caffeine.class) {
            throw new ClassNotFoundException(builder.getName() + " is not Caffeine's builder");
        }
        this.supplier = LibraryChecks.field(builder, "statsCounterSupplier", Supplier.class);
        LibraryChecks.implementsAll(StatsCounter.class, CaffeineStatsCounter.class);
    }

    @Override
    public String strategy() {
        return "Caffeine";
    }

    @Override
    @SuppressWarnings("unchecked")
    public void install(Object builder, CacheCounters counters) throws IllegalAccessException {
        @Nullable Supplier<StatsCounter> own = (Supplier<StatsCounter>) supplier.get(builder);
        if (own instanceof CaffeineStatsSupplier ours) {
            own = ours.applications(); // built before at another site: keep only the application's
        }
        supplier.set(builder, new CaffeineStatsSupplier(counters, own));
    }

    @Override
    public long size(Object cache) {
        if (cache instanceof AsyncCache<?, ?> async) {
            return async.synchronous().estimatedSize();
        }
        return ((Cache<?, ?>) cache).estimatedSize();
    }
}
