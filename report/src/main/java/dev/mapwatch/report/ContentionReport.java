package dev.mapwatch.report;

/**
 * Time threads spent blocked, ranked by total blocked time (weights in nanoseconds). Only events
 * above the recording's threshold are in the file (20 ms in JFR's default settings, 10 ms in
 * its profile settings).
 *
 * @param monitorByClass {@code synchronized} waits by the class of the monitor object
 * @param monitorBySite  {@code synchronized} waits by top application frame
 * @param parkByClass    parks ({@code java.util.concurrent} locks, conditions) by blocker class
 * @param parkBySite     parks by top application frame
 * @param byMap          monitor enters and parks on maps' internal locks, by map
 */
public record ContentionReport(
        Ranking monitorByClass,
        Ranking monitorBySite,
        Ranking parkByClass,
        Ranking parkBySite,
        MapContentionReport byMap) {}
