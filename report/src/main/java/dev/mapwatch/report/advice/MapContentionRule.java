package dev.mapwatch.report.advice;

import dev.mapwatch.report.MapContention;
import java.util.Optional;

/**
 * A rule on the contention named by map ({@link MapContention}: waits on a map's internal locks
 * attributed through the stacks' call sites), where {@link AdviceRule} reads a map's own statistics.
 */
public interface MapContentionRule {
    /** A short stable identifier, e.g. {@code slow-mapping-function}. */
    String id();

    /** The advice for {@code map}, or empty when the rule does not apply. */
    Optional<Advice> evaluate(MapContention map);
}
