package dev.mapwatch.report;

/**
 * One row of a ranking: how many events fell under {@code name}, the sum of their weight
 * (nanoseconds for waits, bytes for allocation) and the largest single weight.
 *
 * @param name  the class or site the events share
 * @param count number of events
 * @param total summed weight
 * @param max   largest single weight
 */
public record Tally(String name, long count, long total, long max) {
    /** This tally's share of {@code whole}, 0 when the whole is empty. */
    public double shareOf(long whole) {
        return whole == 0 ? 0 : (double) total / whole;
    }
}
