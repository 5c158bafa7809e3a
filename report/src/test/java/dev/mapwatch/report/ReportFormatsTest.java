package dev.mapwatch.report;

import static dev.mapwatch.report.StrictJson.array;
import static dev.mapwatch.report.StrictJson.number;
import static dev.mapwatch.report.StrictJson.object;
import static dev.mapwatch.report.StrictJson.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mapwatch.report.ReportFixture.CommandResult;
import dev.mapwatch.report.render.JsonReportRenderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The report of a real recording of {@link ReportWorkload}, whose thread churn, contention,
 * allocation, pinning and map statistics are known, through every output format.
 */
class ReportFormatsTest {
    private static final String CONTENDED = ReportWorkload.ContendedLock.class.getName();
    private static final String PAYLOAD = ReportWorkload.Payload.class.getName();
    private static final String LOADS = com.example.report.Loads.class.getName();
    private static final boolean VIRTUAL = ReportFixture.feature() >= 21;

    private static Path recording;
    private static JsonNode json;

    @BeforeAll
    static void report() throws Exception {
        recording = ReportFixture.recording();
        CommandResult result =
                ReportFixture.report(recording.toString(), "--format", "json", "--top", "5");
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        json = StrictJson.parse(result.out());
    }

    @Test
    void jsonDescribesTheRecording() {
        assertThat(string(json, "schema")).isEqualTo(JsonReportRenderer.SCHEMA);
        assertThat(number(json, "top")).isEqualTo(5);
        JsonNode rec = object(json, "recording");
        assertThat(string(rec, "file")).isEqualTo(recording.toString());
        assertThat(number(rec, "bytes")).isEqualTo(recording.toFile().length());
        assertThat(number(rec, "chunks")).isEqualTo(1);
        assertThat(number(rec, "durationSeconds")).isPositive();
        assertThat(number(rec, "events")).isPositive();
        assertThat(string(rec, "jvm", "version")).contains("(" + ReportFixture.feature() + ".");
        assertThat(number(rec, "jvm", "pid")).isPositive();
        assertThat(string(rec, "jvm", "javaArguments")).isEqualTo(ReportWorkload.class.getName());
    }

    @Test
    void jsonRanksTheContendedMonitorClassFirstWithEveryWait() {
        JsonNode top = entry(object(json, "contention", "monitor", "byClass"), 0);
        assertThat(string(top, "name")).isEqualTo(CONTENDED);
        assertThat(number(top, "count")).isEqualTo(ReportWorkload.MONITOR_WAITERS);
        // Each waiter blocked at least while the holder slept (HOLD), minus scheduling slack.
        double minWait = ReportWorkload.HOLD.toNanos() / 1e9 * 0.8;
        assertThat(number(top, "total"))
                .isGreaterThanOrEqualTo(ReportWorkload.MONITOR_WAITERS * minWait);
        assertThat(number(top, "max")).isGreaterThanOrEqualTo(minWait);
        assertThat(string(object(json, "contention", "monitor", "byClass"), "unit"))
                .isEqualTo("seconds");
        JsonNode site = entry(object(json, "contention", "monitor", "bySite"), 0);
        assertThat(string(site, "name"))
                .startsWith(ReportWorkload.class.getName() + ".lambda$contendMonitor$");
    }

    @Test
    void jsonShowsTheParkedLockWithEveryWait() {
        JsonNode park =
                named(
                        object(json, "contention", "park", "byClass"),
                        "java.util.concurrent.locks.ReentrantLock$NonfairSync");
        assertThat(number(park, "count")).isEqualTo(ReportWorkload.PARK_WAITERS);
    }

    @Test
    void jsonNamesTheContendedMapByItsCallSiteWithItsWaitingAndHoldingSites() {
        JsonNode byMap = object(json, "contention", "byMap");
        assertThat(string(byMap, "unit")).isEqualTo("seconds");
        assertThat(number(byMap, "callSites")).isEqualTo(1);
        assertThat(number(byMap, "count")).isEqualTo(ReportWorkload.MAP_WAITERS);
        assertThat(number(byMap, "unattributed", "count")).isZero();
        JsonNode cache = entry(byMap, 0);
        assertThat(string(cache, "name")).isEqualTo(ReportWorkload.CACHE);
        assertThat(string(cache, "strategy")).isEqualTo("ConcurrentHashMap");
        assertThat(number(cache, "count")).isEqualTo(ReportWorkload.MAP_WAITERS);
        double minWait = ReportWorkload.MAP_HOLD.toNanos() / 1e9 * 0.8;
        assertThat(number(cache, "total"))
                .isGreaterThanOrEqualTo(ReportWorkload.MAP_WAITERS * minWait);
        assertThat(number(cache, "max")).isGreaterThanOrEqualTo(minWait);
        JsonNode waiting = entry(object(cache, "waitingSites"), 0);
        assertThat(string(waiting, "name"))
                .matches(Pattern.quote(LOADS) + "\\.load:\\d+ \\(computeIfAbsent\\)");
        assertThat(number(waiting, "count")).isEqualTo(ReportWorkload.MAP_WAITERS);
        JsonNode holding = entry(object(cache, "holdingSites"), 0);
        assertThat(string(holding, "name"))
                .matches(
                        Pattern.quote(LOADS)
                                + "\\.lambda\\$load\\$\\d+:\\d+"
                                + " \\(computeIfAbsent at "
                                + Pattern.quote(LOADS)
                                + "\\.load:\\d+\\)");
        assertThat(number(holding, "count")).isEqualTo(1);
        assertThat(number(holding, "max")).isGreaterThanOrEqualTo(minWait);
        // The waits still count on the lock's class row, and the function's park on its latch's.
        assertThat(
                        number(
                                named(
                                        object(json, "contention", "monitor", "byClass"),
                                        "java.util.concurrent.ConcurrentHashMap$ReservationNode"),
                                "count"))
                .isEqualTo(ReportWorkload.MAP_WAITERS);
    }

    @Test
    void jsonRanksTheAllocatedClassFirst() {
        JsonNode allocation = object(json, "allocation");
        assertThat(string(allocation, "source")).isEqualTo("jdk.ObjectAllocationSample");
        JsonNode top = entry(object(allocation, "byClass"), 0);
        assertThat(string(top, "name")).isEqualTo(PAYLOAD);
        assertThat(number(top, "share")).isGreaterThan(0.5);
        assertThat(string(entry(object(allocation, "bySite"), 0), "name"))
                .startsWith(ReportWorkload.class.getName() + ".allocate:");
    }

    @Test
    void jsonCountsThreadChurnExactly() {
        JsonNode platform = object(json, "threads", "platform");
        JsonNode byName = object(platform, "startedByName");
        assertThat(number(named(byName, "churn-#"), "count"))
                .isEqualTo(ReportWorkload.CHURN_THREADS);
        assertThat(number(named(byName, "monitor-waiter-#"), "count"))
                .isEqualTo(ReportWorkload.MONITOR_WAITERS);
        assertThat(number(named(byName, "park-waiter-#"), "count"))
                .isEqualTo(ReportWorkload.PARK_WAITERS);
        int workloadThreads =
                ReportWorkload.CHURN_THREADS
                        + ReportWorkload.MONITOR_WAITERS
                        + ReportWorkload.PARK_WAITERS;
        assertThat(number(platform, "started")).isGreaterThanOrEqualTo(workloadThreads);
        assertThat(number(platform, "ended")).isGreaterThanOrEqualTo(workloadThreads);
        // Every workload thread lived well under the one-second threshold.
        assertThat(number(platform, "shortLived")).isGreaterThanOrEqualTo(workloadThreads);
        assertThat(number(object(json, "threads"), "shortLivedThresholdSeconds")).isEqualTo(1.0);
        assertThat(number(platform, "peakLive"))
                .isGreaterThanOrEqualTo(ReportWorkload.MONITOR_WAITERS + 1);
        assertThat(array(platform, "liveTimeline")).isNotEmpty();

        JsonNode virtual = object(json, "threads", "virtual");
        int expectedVirtual = VIRTUAL ? ReportWorkload.VIRTUAL_THREADS : 0;
        assertThat(number(virtual, "started")).isEqualTo(expectedVirtual);
        assertThat(number(virtual, "ended")).isEqualTo(expectedVirtual);
        assertThat(number(virtual, "shortLived")).isEqualTo(expectedVirtual);
        if (VIRTUAL) {
            assertThat(number(named(object(virtual, "startedByName"), "vt-#"), "count"))
                    .isEqualTo(ReportWorkload.VIRTUAL_THREADS);
        }
    }

    @Test
    void jsonShowsThePinnedVirtualThread() {
        JsonNode pinning = object(json, "pinning", "bySite");
        if (!VIRTUAL) {
            assertThat(number(pinning, "count")).isZero();
            return;
        }
        assertThat(number(pinning, "count")).isEqualTo(1);
        JsonNode site = entry(pinning, 0);
        assertThat(string(site, "name"))
                .startsWith(ReportWorkload.class.getName() + ".sleepQuietly:");
        assertThat(number(site, "max"))
                .isGreaterThanOrEqualTo(ReportWorkload.HOLD.toNanos() / 1e9 * 0.8);
    }

    @Test
    void jsonComputesMapHealthFromFirstAndLastSample() {
        List<JsonNode> maps = array(json, "maps");
        assertThat(maps).hasSize(MapScenario.values().length);
        JsonNode sessions = map("sessions");
        MapScenario s = MapScenario.SESSIONS;
        assertThat(string(sessions, "strategy")).isEqualTo("SYNC_MAP");
        assertThat(number(sessions, "samples")).isEqualTo(MapScenario.SAMPLES);
        assertThat(number(sessions, "hits")).isEqualTo(s.deltaOver(s.hitStep));
        assertThat(number(sessions, "misses")).isEqualTo(s.deltaOver(s.missStep));
        assertThat(number(sessions, "hitRatio")).isEqualTo(0.25);
        assertThat(number(sessions, "promotions")).isEqualTo(s.deltaOver(s.promotionStep));
        assertThat(number(sessions, "promotionEvents"))
                .isEqualTo(MapScenario.SESSIONS_PROMOTION_EVENTS);
        assertThat(number(sessions, "tombstones")).isEqualTo(s.tombstones);
        assertThat(number(sessions, "oldestTombstoneAgeSeconds")).isEqualTo(90.0);
        double window = number(sessions, "windowSeconds");
        assertThat(window).isPositive();
        assertThat(number(sessions, "promotionsPerSecond"))
                .isCloseTo(
                        s.deltaOver(s.promotionStep) / window,
                        within(1e-6 * s.deltaOver(s.promotionStep) / window));
        assertThat(array(sessions, "hitRatioTimeline")).hasSize(MapScenario.SAMPLES - 1);

        JsonNode orders = map("orders");
        MapScenario o = MapScenario.ORDERS;
        assertThat(number(orders, "lockWaits")).isEqualTo(o.deltaOver(o.lockWaitStep));
        assertThat(number(orders, "lockWaitSeconds"))
                .isEqualTo(
                        o.deltaOver(o.lockWaitStep) * MapScenario.LOCK_WAIT_NANOS_PER_WAIT / 1e9);
        assertThat(number(orders, "lockWaitEvents")).isEqualTo(MapScenario.ORDERS_LOCK_WAIT_EVENTS);
        assertThat(number(map("healthy"), "hitRatio")).isEqualTo(0.95);
        assertThat(number(map("catalog"), "writeShare")).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void jsonGivesExactlyTheExpectedAdvice() {
        Set<String> advice =
                array(json, "advice").stream()
                        .map(
                                a ->
                                        string(a, "map")
                                                + "/"
                                                + string(a, "rule")
                                                + "/"
                                                + string(a, "suggestion"))
                        .collect(Collectors.toSet());
        assertThat(advice)
                .containsExactlyInAnyOrder(
                        "sessions/sync-map-miss-churn/CONCURRENT",
                        "sessions/tombstone-backlog/CONCURRENT",
                        "catalog/snapshot-write-heavy/CONCURRENT",
                        "orders/contended-lock/STRIPED or CONCURRENT");
        String reason =
                array(json, "advice").stream()
                        .filter(a -> "sync-map-miss-churn".equals(string(a, "rule")))
                        .map(a -> string(a, "reason"))
                        .findFirst()
                        .orElseThrow();
        assertThat(reason).contains("75.0% of 4,000 lookups missed").contains("promoted 200 times");
    }

    @Test
    void textShowsTheSameFiguresInAlignedTables() {
        CommandResult result = ReportFixture.report(recording.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        String text = result.out();
        assertThat(text).startsWith("mapwatch report: " + recording);
        assertThat(row(text, Pattern.quote(CONTENDED)))
                .startsWith(ReportWorkload.MONITOR_WAITERS + " ");
        assertThat(firstRowAfter(text, "  Class ")).startsWith(PAYLOAD + " ");
        assertThat(row(text, "churn-#")).startsWith(ReportWorkload.CHURN_THREADS + " ");
        String inside = text.substring(text.indexOf("Maps: inside the recording"));
        assertThat(row(inside, "sessions"))
                .matches("SYNC_MAP\\s+\\S+ ms\\s+4,000\\s+25\\.0%\\s+\\S+/s\\s+200\\s+.*");
        // Totals since creation include what the map did before its first sample, so they are
        // larger.
        String totals =
                text.substring(
                        text.indexOf("Maps: totals since each map was created"),
                        text.indexOf("Maps: inside"));
        assertThat(row(totals, "sessions"))
                .matches("SYNC_MAP\\s+4,\\d{3}\\s+.*")
                .isNotEqualTo(row(inside, "sessions"));
        String byMap =
                text.substring(text.indexOf("Lock contention by map"), text.indexOf("Allocation"));
        assertThat(row(byMap, Pattern.quote(ReportWorkload.CACHE)))
                .matches("ConcurrentHashMap\\s+" + ReportWorkload.MAP_WAITERS + "\\s+.*");
        assertThat(byMap)
                .containsPattern(
                        "(?m)^    "
                                + Pattern.quote(LOADS)
                                + "\\.load:\\d+ \\(computeIfAbsent\\)\\s+"
                                + ReportWorkload.MAP_WAITERS
                                + "\\s")
                .containsPattern(
                        "(?m)^    "
                                + Pattern.quote(LOADS)
                                + "\\.lambda\\$load\\$\\d+:\\d+ \\(computeIfAbsent at .*\\): 1 event, ");
        assertThat(text)
                .contains("sessions (SYNC_MAP): use CONCURRENT  [sync-map-miss-churn]")
                .contains("orders (LOCKED): use STRIPED or CONCURRENT  [contended-lock]")
                .doesNotContain("healthy (CONCURRENT): use");
        // Aligned: every line of a table has its columns at the same place as the header's rule.
        List<String> monitorTable =
                text.lines()
                        .dropWhile(l -> !l.startsWith("  Monitor class"))
                        .takeWhile(l -> !l.isBlank())
                        .collect(Collectors.toList());
        assertThat(monitorTable).hasSizeGreaterThanOrEqualTo(3);
        int width = monitorTable.get(1).length();
        assertThat(monitorTable).allSatisfy(l -> assertThat(l.length()).isEqualTo(width));
    }

    @Test
    void htmlEmbedsTheJsonDocumentAndLoadsNothingFromOutside() throws Exception {
        Path html = ReportFixture.DIR.resolve("formats-test.html");
        CommandResult result =
                ReportFixture.report(
                        recording.toString(),
                        "--format",
                        "HTML",
                        "--top",
                        "5",
                        "--output",
                        html.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        String page = Files.readString(html, StandardCharsets.UTF_8);
        Matcher data =
                Pattern.compile(
                                "<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
                                Pattern.DOTALL)
                        .matcher(page);
        assertThat(data.find()).isTrue();
        JsonNode embedded = StrictJson.parse(data.group(1));
        assertThat(array(embedded, "maps")).isEqualTo(array(json, "maps"));
        assertThat(object(embedded, "contention")).isEqualTo(object(json, "contention"));
        assertThat(page)
                .doesNotContainPattern("(?i)<(script|link|img|iframe)[^>]+(src|href)=")
                .doesNotContainPattern("(?i)@import|url\\(")
                .contains("Content-Security-Policy");
    }

    private static JsonNode map(String name) {
        return array(json, "maps").stream()
                .map(m -> object(m))
                .filter(m -> name.equals(string(m, "name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no map " + name));
    }

    private static JsonNode entry(JsonNode ranking, int index) {
        List<JsonNode> entries = array(ranking, "entries");
        assertThat(entries).hasSizeGreaterThan(index);
        return object(entries.get(index));
    }

    private static JsonNode named(JsonNode ranking, String name) {
        return array(ranking, "entries").stream()
                .map(e -> object(e))
                .filter(e -> name.equals(string(e, "name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name + " in " + ranking));
    }

    /** The rest of the first table row whose first cell matches {@code name}, leading spaces removed. */
    private static String row(String text, String name) {
        Matcher m = Pattern.compile("(?m)^  " + name + "\\s+(.*)$").matcher(text);
        assertThat(m.find()).as("a row for %s in%n%s", name, text).isTrue();
        return m.group(1);
    }

    private static String firstRowAfter(String text, String headerStart) {
        List<String> lines =
                text.lines()
                        .dropWhile(l -> !l.startsWith(headerStart))
                        .collect(Collectors.toList());
        assertThat(lines).hasSizeGreaterThan(2);
        return lines.get(2).strip();
    }
}
