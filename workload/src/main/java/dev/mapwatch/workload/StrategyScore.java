package dev.mapwatch.workload;

/** One map kind's throughput over the measured slices: median, lowest and highest, in ops/µs. */
public record StrategyScore(
        MapKind kind, double medianOpsPerMicro, double minOpsPerMicro, double maxOpsPerMicro) {}
