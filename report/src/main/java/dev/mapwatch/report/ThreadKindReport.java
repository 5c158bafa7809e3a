package dev.mapwatch.report;

import java.time.Duration;
import java.util.List;

/**
 * Churn of one kind of thread (platform or virtual) over the recording.
 *
 * @param started         threads started during the recording
 * @param ended           threads ended during the recording
 * @param peakLive        most threads alive at once, {@code null} when the recording cannot tell
 * @param lifetimes       threads both started and ended during the recording (lifetime known)
 * @param shortLived      of those, how many lived less than the report's short-lived threshold
 * @param meanLifetime    mean lifetime of those threads
 * @param startedByName   threads started by name pattern (digits replaced by {@code #})
 * @param liveTimeline    live threads over time
 */
public record ThreadKindReport(
        long started,
        long ended,
        Long peakLive,
        long lifetimes,
        long shortLived,
        Duration meanLifetime,
        Ranking startedByName,
        List<TimePoint> liveTimeline) {
    public ThreadKindReport {
        liveTimeline = List.copyOf(liveTimeline);
    }

    /** Share of threads with a known lifetime that were short-lived; 0 when none is known. */
    public double shortLivedShare() {
        return lifetimes == 0 ? 0 : (double) shortLived / lifetimes;
    }
}
