package dev.mapwatch.report;

/**
 * Bytes allocated, as estimated by JFR's allocation sampling, ranked by weight (bytes).
 *
 * @param source  the event type(s) the figures come from, {@code null} when the recording has none
 * @param byClass by class of the allocated object
 * @param bySite  by top application frame of the allocation
 */
public record AllocationReport(String source, Ranking byClass, Ranking bySite) {}
