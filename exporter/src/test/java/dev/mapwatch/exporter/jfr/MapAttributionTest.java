package dev.mapwatch.exporter.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.exporter.jfr.MapEvents.MapLabels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link MapAttribution} on stacks as JFR records them: the site below the map's frames and
 * mapwatch's helpers names the map; anything uncertain names none. The real frames of this JDK's
 * {@code ConcurrentHashMap} are in {@link MapAttributionRecordingTest}.
 */
class MapAttributionTest {

    private static final String APP = "com.acme.Cache";
    private static final String CHM = "java.util.concurrent.ConcurrentHashMap";
    private static final MapLabels CACHE =
            new MapLabels("com.acme.Cache.entries", "ConcurrentHashMap");

    /** Knows one site: {@code com.acme.Cache.load(Ljava/lang/String;)Ljava/lang/Object;} line 42. */
    private final MapAttribution attribution =
            new MapAttribution(
                    (type, method, descriptor, line) ->
                            type.equals(APP)
                                            && method.equals("load")
                                            && descriptor.equals(
                                                    "(Ljava/lang/String;)Ljava/lang/Object;")
                                            && line == 42
                                    ? CACHE.map()
                                    : null);

    private static StackFrame frame(String type, String method, int line) {
        return new StackFrame(type, method, "(Ljava/lang/String;)Ljava/lang/Object;", line);
    }

    private static StackFrame site(int line) {
        return frame(APP, "load", line);
    }

    @Test
    void jdk17ComputeIfAbsentWaitingInTheMapsOwnMethodThroughTheCallSiteHelper() {
        // JDK 17: computeIfAbsent synchronizes on the bin (or its ReservationNode) itself.
        assertThat(
                        attribution.mapOf(
                                List.of(
                                        frame(CHM, "computeIfAbsent", 1720),
                                        frame(
                                                "dev.mapwatch.bootstrap.MapCalls",
                                                "computeIfAbsent",
                                                160),
                                        site(42),
                                        frame(APP, "main", 10))))
                .isEqualTo(CACHE);
    }

    @Test
    void jdk25MergeAndPutValAtTheSiteWithoutAHelperFrame() {
        // The original invoke kept at the site: the map's frame is called by the application
        // directly.
        assertThat(
                        attribution.mapOf(
                                List.of(
                                        frame(CHM, "putVal", 1075),
                                        frame(CHM, "put", 1024),
                                        site(42))))
                .isEqualTo(CACHE);
        assertThat(attribution.mapOf(List.of(frame(CHM, "merge", 2056), site(42))))
                .isEqualTo(CACHE);
    }

    @Test
    void aParkOnATreeBinSkipsLockSupportAndTheTreeBinsFrames() {
        assertThat(
                        attribution.mapOf(
                                List.of(
                                        frame("jdk.internal.misc.Unsafe", "park", -1),
                                        frame(
                                                "java.util.concurrent.locks.LockSupport",
                                                "park",
                                                211),
                                        frame(CHM + "$TreeBin", "contendedLock", 2930),
                                        frame(CHM + "$TreeBin", "putTreeVal", 3060),
                                        frame(CHM, "putVal", 1060),
                                        frame(CHM, "put", 1024),
                                        site(42))))
                .isEqualTo(CACHE);
    }

    @Test
    void aMapCalledThroughAMapwatchWrapperNamesTheApplicationsSite() {
        assertThat(
                        attribution.mapOf(
                                List.of(
                                        frame(CHM, "compute", 1950),
                                        frame(
                                                "dev.mapwatch.bootstrap.MapCalls$Remapping",
                                                "apply",
                                                40),
                                        frame("dev.mapwatch.bootstrap.MapCalls", "compute", 200),
                                        frame("dev.mapwatch.maps.DelegatingMap", "compute", 90),
                                        site(42))))
                .isEqualTo(CACHE);
    }

    @Test
    void aPinnedVirtualThreadRunningTheMappingFunctionNamesTheMapItHolds() {
        assertThat(
                        attribution.mapOf(
                                List.of(
                                        frame(
                                                "java.lang.VirtualThread",
                                                "parkOnCarrierThread",
                                                600),
                                        frame("java.lang.VirtualThread", "sleepNanos", 700),
                                        frame("java.lang.Thread", "sleep", 500),
                                        frame(APP, "lambda$load$0", 43),
                                        frame(CHM, "computeIfAbsent", 1720),
                                        site(42))))
                .isEqualTo(CACHE);
    }

    @Test
    void theSiteSaysWhichOperationItCalledAndWhatTheMapRanInsideIt() {
        // A waiter: blocked in the map's own code, nothing of the application's above it.
        MapAttribution.Site waiter =
                MapAttribution.siteOf(
                        List.of(
                                frame(CHM, "computeIfAbsent", 1720),
                                frame("dev.mapwatch.bootstrap.MapCalls", "computeIfAbsent", 160),
                                site(42)));
        assertThat(waiter)
                .isEqualTo(
                        new MapAttribution.Site(
                                site(42), "ConcurrentHashMap", "computeIfAbsent", null));
        // The holder: parked inside its mapping function (through the helper's wrapper), which the
        // map runs in the lock.
        MapAttribution.Site holder =
                MapAttribution.siteOf(
                        List.of(
                                frame("jdk.internal.misc.Unsafe", "park", -1),
                                frame("java.util.concurrent.CountDownLatch", "await", 280),
                                frame(APP, "lambda$load$0", 43),
                                frame(APP + "$$Lambda/0x0000000800c0b448", "apply", -1),
                                frame("dev.mapwatch.bootstrap.MapCalls$Loading", "apply", 220),
                                frame(CHM, "computeIfAbsent", 1720),
                                frame("dev.mapwatch.bootstrap.MapCalls", "computeIfAbsent", 160),
                                site(42)));
        assertThat(holder)
                .isEqualTo(
                        new MapAttribution.Site(
                                site(42),
                                "ConcurrentHashMap",
                                "computeIfAbsent",
                                frame(APP, "lambda$load$0", 43)));
        assertThat(holder.callSite()).isEqualTo(waiter);
        assertThat(attribution.mapAt(holder)).isEqualTo(CACHE.map());
        // A park on a TreeBin: the operation is the map method the site called, the JDK's parking
        // is no function.
        MapAttribution.Site tree =
                MapAttribution.siteOf(
                        List.of(
                                frame("jdk.internal.misc.Unsafe", "park", -1),
                                frame("java.util.concurrent.locks.LockSupport", "park", 211),
                                frame(CHM + "$TreeBin", "contendedLock", 2930),
                                frame(CHM, "putVal", 1060),
                                frame(CHM, "put", 1024),
                                site(42)));
        assertThat(tree.operation()).isEqualTo("put");
        assertThat(tree.inside()).isNull();
    }

    @Test
    void aStackDeeperThanTheRecordedDepthNamesNoMap() {
        List<StackFrame> truncated = new ArrayList<>();
        truncated.add(frame(CHM, "computeIfAbsent", 1720));
        for (int i = 0; i < 63; i++) {
            truncated.add(
                    frame(
                            "dev.mapwatch.bootstrap.MapCalls",
                            "computeIfAbsent",
                            i)); // the site is not recorded
        }
        assertThat(attribution.mapOf(truncated)).isNull();
        assertThat(attribution.mapOf(List.of(frame("java.lang.Thread", "sleep", 1))))
                .as("no map frame")
                .isNull();
        assertThat(attribution.mapOf(List.of())).as("no stack").isNull();
    }

    @Test
    void anUnknownSiteOrAJdkCallerNamesNoMap() {
        assertThat(attribution.mapOf(List.of(frame(CHM, "computeIfAbsent", 1720), site(43))))
                .as("other line")
                .isNull();
        assertThat(
                        attribution.mapOf(
                                List.of(
                                        frame(CHM, "computeIfAbsent", 1720),
                                        frame(
                                                "java.util.Collections$SynchronizedMap",
                                                "computeIfAbsent",
                                                2700),
                                        site(42))))
                .as("called by another JDK class, not the site")
                .isNull();
    }

    @Test
    void twoMapsAtOneSiteNameNoMap() {
        // The agent's resolver answers null for an ambiguous location (SiteLocationsTest): no map,
        // not a wrong one.
        MapAttribution ambiguous = new MapAttribution((type, method, descriptor, line) -> null);
        assertThat(ambiguous.mapOf(List.of(frame(CHM, "computeIfAbsent", 1720), site(42))))
                .isNull();
    }

    @Test
    void onlyTheMapsInternalLocksAreAttributed() {
        assertThat(MapAttribution.mapInternal(CHM + "$Node")).isTrue();
        assertThat(MapAttribution.mapInternal(CHM + "$ReservationNode")).isTrue();
        assertThat(MapAttribution.mapInternal(CHM + "$TreeBin")).isTrue();
        assertThat(MapAttribution.mapInternal(CHM))
                .as("the map object itself is no bin lock")
                .isFalse();
        assertThat(
                        MapAttribution.mapInternal(
                                "java.util.concurrent.locks.ReentrantLock$NonfairSync"))
                .isFalse();
        assertThat(MapAttribution.mapInternal(null)).isFalse();
    }
}
