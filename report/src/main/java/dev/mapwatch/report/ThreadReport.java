package dev.mapwatch.report;

import java.time.Duration;

/**
 * Thread churn.
 *
 * @param shortLivedThreshold a thread that lived less than this is short-lived
 * @param platform            platform threads
 * @param virtual             virtual threads (all zero before JDK 21 or without the events)
 */
public record ThreadReport(
        Duration shortLivedThreshold, ThreadKindReport platform, ThreadKindReport virtual) {}
