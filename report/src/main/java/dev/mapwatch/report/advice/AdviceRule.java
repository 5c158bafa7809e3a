package dev.mapwatch.report.advice;

import dev.mapwatch.report.MapHealth;
import java.util.Optional;

/**
 * One entry of the seed documents' decision guide, made executable: a condition on a map's
 * observed statistics, with documented thresholds, and the advice it gives.
 */
public interface AdviceRule {
    /** A short stable identifier, e.g. {@code sync-map-miss-churn}. */
    String id();

    /** The advice for {@code map}, or empty when the rule does not apply. */
    Optional<Advice> evaluate(MapHealth map);

    /** A map has a strategy name; this compares it. */
    static boolean is(MapHealth map, String strategy) {
        return strategy.equals(map.strategy());
    }
}
