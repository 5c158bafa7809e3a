package dev.mapwatch.caches;

import com.google.common.base.Supplier;
import com.google.common.cache.AbstractCache.StatsCounter;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.mapwatch.bootstrap.CacheCounters;
import dev.mapwatch.bootstrap.CacheLibrary;
import java.lang.reflect.Field;
import org.jspecify.annotations.Nullable;

/**
 * Guava's {@code CacheBuilder} (20 and later): its package-private {@code statsCounterSupplier},
 * which {@code recordStats()} sets and every segment of the cache draws a counter from, is set to
 * one that makes a {@link GuavaStatsCounter} per segment. Without {@code recordStats()} the field
 * holds Guava's no-op supplier, which is not kept; with it, the application's counters are.
 */
public final class GuavaLibrary implements CacheLibrary {

    private final Field supplier;
    private final Object noStats;

    /**
     * Checks that this Guava is one the hook fits.
     *
     * @throws ReflectiveOperationException naming what this version lacks
     */
    public GuavaLibrary(Class<?> builder) throws ReflectiveOperationException {
        if (builder != CacheBuilder.class) {
            throw new ClassNotFoundException(builder.getName() + " is not Guava's builder");
        }
        this.supplier = LibraryChecks.field(builder, "statsCounterSupplier", Supplier.class);
        Field none = LibraryChecks.field(builder, "NULL_STATS_COUNTER", Supplier.class);
        this.noStats = none.get(null);
        LibraryChecks.implementsAll(StatsCounter.class, GuavaStatsCounter.class);
    }

    @Override
    public String strategy() {
        return "GuavaCache";
    }

    @Override
    @SuppressWarnings("unchecked")
    public void install(Object builder, CacheCounters counters) throws IllegalAccessException {
        @Nullable Supplier<? extends StatsCounter> own =
                (Supplier<? extends StatsCounter>) supplier.get(builder);
        if (own instanceof GuavaStatsSupplier ours) {
            own = ours.applications(); // built before at another site: keep only the application's
        }
        supplier.set(builder, new GuavaStatsSupplier(counters, own == noStats ? null : own));
    }

    @Override
    public long size(Object cache) {
        return ((Cache<?, ?>) cache).size();
    }
}
