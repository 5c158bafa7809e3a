package dev.mapwatch.report;

/**
 * One point of a time series in the report.
 *
 * @param epochMillis when, in milliseconds since the epoch
 * @param value       the value then
 */
public record TimePoint(long epochMillis, double value) {}
