package dev.mapwatch.top;

import dev.mapwatch.top.Frame.ClassRate;
import dev.mapwatch.top.Frame.Header;
import dev.mapwatch.top.Frame.LockRow;
import dev.mapwatch.top.Frame.MapRow;
import dev.mapwatch.top.Frame.Threads;
import dev.mapwatch.top.Line.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lays a {@link Frame} out as lines: on a screen of a given size ({@link #screen}: every line
 * at most as wide, exactly as many lines, the map and lock tables sharing the rows left by the
 * fixed lines), or as plain text without limits ({@link #plain}: every row, names uncut). The map
 * names take the width the figures leave; a name that does not fit is shortened
 * ({@code Figures#fit}).
 */
public final class Layout {

    /** The smallest screen the view fits. */
    public static final int MIN_WIDTH = 80;

    public static final int MIN_HEIGHT = 24;

    /** Lines besides the two tables' rows: header 2, status 1, titles and headings 4, threads 2, allocation 1, keys 1. */
    static final int FIXED_LINES = 12;

    private static final int STRATEGY = 10;
    private static final int[] MAP_FIGURES = {
        7, 5, 7, 7, 6, 7
    }; // ops/s hit% size waits/s wait/s slow fn
    private static final int LOCK_KIND = 7;
    private static final int[] LOCK_FIGURES = {8, 8, 8};

    private Layout() {}

    /** The screen of {@code width} x {@code height} (at least {@link #MIN_WIDTH} x {@link #MIN_HEIGHT}). */
    public static List<Line> screen(Frame frame, ViewState state, int width, int height) {
        if (width < MIN_WIDTH || height < MIN_HEIGHT) {
            return tooSmall(width, height);
        }
        if (state.help()) {
            return pad(help(), width, height);
        }
        List<MapRow> maps = state.visible(frame.maps());
        int rows = height - FIXED_LINES;
        int lockRows = Math.min(Math.max(1, frame.locks().size()), Math.max(2, rows / 3));
        int mapRows = rows - lockRows;
        if (maps.size() < mapRows) { // the maps leave rows: give them to the locks
            mapRows = Math.max(1, maps.size());
            lockRows = rows - mapRows;
        }
        int strategy = Math.min(20, STRATEGY + Math.max(0, width - MIN_WIDTH - 40) / 4);
        int mapName = width - strategy - sum(MAP_FIGURES) - MAP_FIGURES.length - 1;
        List<Line> lines = new ArrayList<>(header(frame.header()));
        lines.add(status(state, frame.header()));
        lines.addAll(mapTable(maps, state, mapName, strategy, mapRows, frame.maps().size()));
        lines.addAll(
                lockTable(
                        frame.locks(),
                        width - LOCK_KIND - sum(LOCK_FIGURES) - LOCK_FIGURES.length - 1,
                        lockRows));
        lines.addAll(threads(frame.threads()));
        lines.add(allocation(frame.allocation()));
        lines.add(Line.of("q quit  s/arrows sort  / filter  p pause  ? help", Style.DIM));
        return pad(lines, width, height);
    }

    /** Every row, names uncut: for {@code --once}, pipes and files. */
    public static List<Line> plain(Frame frame, ViewState state) {
        List<MapRow> maps = state.visible(frame.maps());
        int mapName = Math.max(24, maps.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        int strategy =
                Math.max(
                        STRATEGY,
                        maps.stream().mapToInt(r -> r.strategy().length()).max().orElse(0));
        int lockName =
                Math.max(
                        45,
                        frame.locks().stream()
                                .mapToInt(r -> r.name().length() + 6)
                                .max()
                                .orElse(0));
        List<Line> lines = new ArrayList<>(header(frame.header()));
        lines.addAll(
                mapTable(
                        maps,
                        state,
                        mapName,
                        strategy,
                        Math.max(1, maps.size()),
                        frame.maps().size()));
        lines.addAll(lockTable(frame.locks(), lockName, Math.max(1, frame.locks().size())));
        lines.addAll(threads(frame.threads()));
        lines.add(allocation(frame.allocation()));
        return lines;
    }

    static List<Line> header(Header h) {
        String jvm =
                "mapwatch top  "
                        + h.target()
                        + (h.jdk().isEmpty() ? "" : "  JDK " + h.jdk())
                        + (Double.isNaN(h.jvmUptimeSeconds())
                                ? ""
                                : "  JVM up " + Figures.uptime(h.jvmUptimeSeconds()))
                        + "  view "
                        + Figures.uptime(h.viewSeconds())
                        + " (rates over "
                        + Figures.seconds(h.intervalSeconds())
                        + ")";
        Line.Builder agent =
                new Line.Builder()
                        .add(
                                "agent "
                                        + (h.agentVersion().isEmpty() ? "?" : h.agentVersion())
                                        + "  ");
        boolean up = h.status().equals("UP");
        agent.add(h.status().isEmpty() ? "status ?" : h.status(), up ? Style.PLAIN : Style.WARN);
        agent.add(
                "  up "
                        + Figures.uptime(h.agentUptimeSeconds())
                        + "  jfr "
                        + (h.jfr().isEmpty() ? "?" : h.jfr()));
        agent.add("  counting " + (h.counting().isEmpty() ? "-" : h.counting()) + "  ");
        agent.add("errors " + h.agentErrors(), h.agentErrors() > 0 ? Style.WARN : Style.PLAIN);
        return List.of(Line.of(jvm, Style.TITLE), agent.build());
    }

    private static Line status(ViewState state, Header header) {
        Line.Builder status = new Line.Builder().add("sort " + state.sort().heading());
        if (state.editingFilter()) {
            status.add("  filter: " + state.filter() + "_", Style.SORTED);
        } else if (!state.filter().isEmpty()) {
            status.add("  filter: " + state.filter());
        }
        if (state.paused()) {
            status.add("  PAUSED", Style.WARN);
        }
        return status.build();
    }

    private static List<Line> mapTable(
            List<MapRow> maps, ViewState state, int name, int strategy, int rows, int all) {
        List<Line> lines = new ArrayList<>();
        lines.add(
                Line.of(
                        "MAPS "
                                + (maps.size() == all ? all : maps.size() + " of " + all)
                                + "  (ops ~: sampled estimates)",
                        Style.TITLE));
        Line.Builder heading = new Line.Builder();
        MapColumn[] columns = MapColumn.values();
        heading.add(pad(columns[0].heading(), name), style(state, columns[0]))
                .add(" ", Style.HEADING);
        heading.add(pad("strategy", strategy), Style.HEADING);
        for (int i = 1; i < columns.length; i++) {
            heading.add(" ", Style.HEADING)
                    .add(left(columns[i].heading(), MAP_FIGURES[i - 1]), style(state, columns[i]));
        }
        lines.add(heading.build());
        if (maps.isEmpty()) {
            lines.add(
                    Line.of(
                            all == 0
                                    ? "no maps: the agent counts mapwatch maps, and with maps=<packages> the"
                                            + " application's own"
                                    : "no map matches the filter",
                            Style.DIM));
            return lines;
        }
        int shown = maps.size() > rows ? rows - 1 : maps.size();
        for (MapRow row : maps.subList(0, shown)) {
            String ops =
                    Figures.count(row.opsPerSecond())
                            + (row.counting().equals("sampled") ? "~" : "");
            lines.add(
                    Line.of(
                            pad(Figures.fit(row.name(), name), name)
                                    + " "
                                    + pad(Figures.fit(row.strategy(), strategy), strategy)
                                    + " "
                                    + figures(
                                            MAP_FIGURES,
                                            ops,
                                            Figures.percent(row.hitRatio()),
                                            Figures.count(row.size()),
                                            Figures.count(row.waitsPerSecond()),
                                            Figures.seconds(row.waitSecondsPerSecond()),
                                            Figures.seconds(row.computeMaxSeconds())),
                            row.waitSecondsPerSecond() > 0 ? Style.WARN : Style.PLAIN));
        }
        if (shown < maps.size()) {
            lines.add(
                    Line.of(
                            "... "
                                    + (maps.size() - shown)
                                    + " more (a taller terminal, or / to filter)",
                            Style.DIM));
        }
        return lines;
    }

    private static List<Line> lockTable(List<LockRow> locks, int name, int rows) {
        List<Line> lines = new ArrayList<>();
        lines.add(
                Line.of(
                        "LOCKS contended above the agent's threshold, by map where named, else by class",
                        Style.TITLE));
        lines.add(
                Line.of(
                        pad("lock", name)
                                + " "
                                + pad("kind", LOCK_KIND)
                                + " "
                                + figures(LOCK_FIGURES, "waits/s", "time/s", "max"),
                        Style.HEADING));
        if (locks.isEmpty()) {
            lines.add(Line.of("no contended waits in this interval", Style.DIM));
            return lines;
        }
        int shown = locks.size() > rows ? rows - 1 : locks.size();
        for (LockRow row : locks.subList(0, Math.max(0, shown))) {
            String label = (row.byMap() ? "map " : "") + row.name();
            lines.add(
                    Line.of(
                            pad(Figures.fit(label, name), name)
                                    + " "
                                    + pad(row.kind(), LOCK_KIND)
                                    + " "
                                    + figures(
                                            LOCK_FIGURES,
                                            Figures.count(row.waitsPerSecond()),
                                            Figures.seconds(row.secondsPerSecond()),
                                            Figures.seconds(row.maxSeconds())),
                            row.byMap() ? Style.WARN : Style.PLAIN));
        }
        if (shown < locks.size()) {
            lines.add(Line.of("... " + (locks.size() - Math.max(0, shown)) + " more", Style.DIM));
        }
        return lines;
    }

    private static List<Line> threads(Threads t) {
        boolean virtual = !Double.isNaN(t.liveVirtual());
        String live =
                "THREADS  live "
                        + Figures.count(t.livePlatform())
                        + " platform"
                        + (virtual ? ", " + Figures.count(t.liveVirtual()) + " virtual" : "")
                        + "  started/s "
                        + Figures.count(t.platformStarted())
                        + (virtual ? " + " + Figures.count(t.virtualStarted()) + " virtual" : "")
                        + "  ended/s "
                        + Figures.count(t.platformEnded())
                        + (virtual ? " + " + Figures.count(t.virtualEnded()) + " virtual" : "");
        String churn =
                "         short-lived (<1s) "
                        + (Double.isNaN(t.shortLivedShare())
                                ? "-"
                                : Figures.percent(t.shortLivedShare()) + "%")
                        + " of ended  pinned "
                        + (virtual || !Double.isNaN(t.pinnedSecondsPerSecond())
                                ? Figures.seconds(t.pinnedSecondsPerSecond()) + "/s"
                                : "- (JDK 21+)");
        return List.of(Line.of(live, Style.PLAIN), Line.of(churn, Style.PLAIN));
    }

    private static Line allocation(Frame.Allocation allocation) {
        StringBuilder text =
                new StringBuilder("ALLOC    " + Figures.megabytes(allocation.bytesPerSecond()));
        for (ClassRate rate : allocation.top()) {
            text.append("  ")
                    .append(rate.className())
                    .append(' ')
                    .append(Figures.megabytes(rate.bytesPerSecond()));
        }
        return Line.of(text.toString(), Style.PLAIN);
    }

    private static List<Line> help() {
        List<Line> lines = new ArrayList<>();
        lines.add(Line.of("mapwatch top: keys", Style.TITLE));
        for (String text :
                List.of(
                        "q, Ctrl-C       quit (the agent keeps serving)",
                        "s, arrows       next / previous sort column of the maps (S: previous)",
                        "/               filter maps by name: type, Enter keeps it, Esc clears it",
                        "Esc             clear the filter",
                        "p, space        pause / resume refreshing",
                        "?               this help; any key returns",
                        "",
                        "ops/s: lookups + puts + removals (~: sampled estimates); hit%: hits of lookups;",
                        "waits/s, wait/s: contended waits on the map's locks and time waited per second;",
                        "slow fn: slowest recent mapping function (computeIfAbsent, compute, merge);",
                        "LOCKS: JFR monitor enters and parks above the agent's threshold (lockThreshold)")) {
            lines.add(Line.of(text, Style.PLAIN));
        }
        return lines;
    }

    private static List<Line> tooSmall(int width, int height) {
        return List.of(
                Line.of(
                                String.format(
                                        Locale.ROOT,
                                        "terminal %dx%d: mapwatch top needs %dx%d",
                                        width,
                                        height,
                                        MIN_WIDTH,
                                        MIN_HEIGHT),
                                Style.WARN)
                        .cut(Math.max(1, width)));
    }

    private static List<Line> pad(List<Line> lines, int width, int height) {
        List<Line> screen = new ArrayList<>(height);
        for (Line line : lines.subList(0, Math.min(lines.size(), height))) {
            screen.add(line.cut(width));
        }
        while (screen.size() < height) {
            screen.add(Line.of("", Style.PLAIN));
        }
        return screen;
    }

    private static Style style(ViewState state, MapColumn column) {
        return state.sort() == column ? Style.SORTED : Style.HEADING;
    }

    private static String figures(int[] widths, String... values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(left(values[i], widths[i]));
        }
        return text.toString();
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String left(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    private static int sum(int[] values) {
        int sum = 0;
        for (int value : values) {
            sum += value;
        }
        return sum;
    }
}
