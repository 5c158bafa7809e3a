package dev.mapwatch.report;

import dev.mapwatch.report.advice.Advice;
import java.util.List;

/**
 * Everything {@code mapwatch report} found in one recording; the renderers print it.
 *
 * @param recording  what was recorded, where and when
 * @param top        how many entries each ranking keeps
 * @param contention lock contention
 * @param allocation allocation
 * @param threads    thread churn
 * @param pinning    virtual threads pinned while blocked, by site (weights in nanoseconds)
 * @param maps       mapwatch maps seen in the recording, by name
 * @param advice     advice for those maps
 */
public record Report(
        RecordingInfo recording,
        int top,
        ContentionReport contention,
        AllocationReport allocation,
        ThreadReport threads,
        Ranking pinning,
        List<MapHealth> maps,
        List<Advice> advice) {
    public Report {
        maps = List.copyOf(maps);
        advice = List.copyOf(advice);
    }
}
