package dev.mapwatch.report.advice;

/**
 * A suggestion for one map, with the figures that triggered it.
 *
 * @param map        the map's name
 * @param strategy   its current strategy
 * @param rule       the rule that fired (its {@link AdviceRule#id()})
 * @param suggestion what to use instead, e.g. {@code CONCURRENT} or {@code STRIPED or CONCURRENT}
 * @param reason     why, with the observed numbers
 */
public record Advice(String map, String strategy, String rule, String suggestion, String reason) {}
