package dev.mapwatch.report;

import java.util.List;

/**
 * The top entries of a {@link BoundedTally} by total weight, the rest folded into
 * {@link #other()}, and the totals over everything seen.
 *
 * @param top     the heaviest entries, heaviest first
 * @param other   everything not in {@code top} (named {@value BoundedTally#OTHER})
 * @param count   events seen in total
 * @param total   weight seen in total
 */
public record Ranking(List<Tally> top, Tally other, long count, long total) {
    public Ranking {
        top = List.copyOf(top);
    }

    /** An empty ranking. */
    public static Ranking empty() {
        return new Ranking(List.of(), new Tally(BoundedTally.OTHER, 0, 0, 0), 0, 0);
    }

    /** Whether no event was seen. */
    public boolean isEmpty() {
        return count == 0;
    }
}
