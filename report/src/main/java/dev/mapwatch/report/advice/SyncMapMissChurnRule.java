package dev.mapwatch.report.advice;

import static dev.mapwatch.report.Figures.count;
import static dev.mapwatch.report.Figures.percent;
import static dev.mapwatch.report.Figures.rate;

import dev.mapwatch.report.MapHealth;
import java.util.Optional;

/**
 * {@code SYNC_MAP} with many misses and frequent promotions: a {@code sync.Map} miss falls through
 * to the locked dirty map and, after {@code len(dirty)} misses, the dirty map is promoted (copied)
 * to the read map. Miss-heavy or key-churning workloads therefore keep locking and copying;
 * {@code CONCURRENT} serves misses without either.
 *
 * <p>Fires when, over at least {@value #MIN_LOOKUPS} lookups, the miss ratio is at least
 * {@value #MIN_MISS_RATIO} and promotions happen at least {@value #MIN_PROMOTIONS_PER_SECOND} times
 * per second (or, without a time window, at least {@value #MIN_PROMOTIONS} times).
 */
public final class SyncMapMissChurnRule implements AdviceRule {
    static final long MIN_LOOKUPS = 1_000;
    static final double MIN_MISS_RATIO = 0.30;
    static final double MIN_PROMOTIONS_PER_SECOND = 1.0;
    static final long MIN_PROMOTIONS = 10;

    @Override
    public String id() {
        return "sync-map-miss-churn";
    }

    @Override
    public Optional<Advice> evaluate(MapHealth map) {
        if (!AdviceRule.is(map, "SYNC_MAP")
                || map.lookups() < MIN_LOOKUPS
                || map.missRatio() < MIN_MISS_RATIO) {
            return Optional.empty();
        }
        double promotionRate = map.promotionsPerSecond();
        boolean frequent =
                Double.isNaN(promotionRate)
                        ? map.promotions() >= MIN_PROMOTIONS
                        : promotionRate >= MIN_PROMOTIONS_PER_SECOND;
        if (!frequent) {
            return Optional.empty();
        }
        return Optional.of(
                new Advice(
                        map.map(),
                        map.strategy(),
                        id(),
                        "CONCURRENT",
                        percent(map.missRatio())
                                + " of "
                                + count(map.lookups())
                                + " lookups missed and the dirty map was"
                                + " promoted "
                                + count(map.promotions())
                                + " times ("
                                + rate(promotionRate)
                                + "; thresholds "
                                + percent(MIN_MISS_RATIO)
                                + " misses, "
                                + rate(MIN_PROMOTIONS_PER_SECOND)
                                + "): every miss"
                                + " takes the dirty-map lock and every len(dirty) misses copy it into the read map."
                                + " CONCURRENT serves misses without locking or copying."));
    }
}
