package dev.mapwatch.top;

import dev.mapwatch.top.Frame.MapRow;
import java.util.Comparator;
import java.util.function.ToDoubleFunction;

/** The columns the map table can be sorted by: names A to Z, figures largest first, unknown last. */
public enum MapColumn {
    NAME("map"),
    OPS("ops/s"),
    HIT("hit%"),
    SIZE("size"),
    WAITS("waits/s"),
    WAITED("wait/s"),
    COMPUTE("slow fn");

    private final String heading;

    MapColumn(String heading) {
        this.heading = heading;
    }

    /** The column's heading. */
    public String heading() {
        return heading;
    }

    /** The order of the rows when sorted by this column. */
    public Comparator<MapRow> order() {
        Comparator<MapRow> byName =
                Comparator.comparing(MapRow::name).thenComparing(MapRow::strategy);
        return switch (this) {
            case NAME -> byName;
            case OPS -> descending(MapRow::opsPerSecond).thenComparing(byName);
            case HIT -> descending(MapRow::hitRatio).thenComparing(byName);
            case SIZE -> descending(MapRow::size).thenComparing(byName);
            case WAITS -> descending(MapRow::waitsPerSecond).thenComparing(byName);
            case WAITED -> descending(MapRow::waitSecondsPerSecond).thenComparing(byName);
            case COMPUTE -> descending(MapRow::computeMaxSeconds).thenComparing(byName);
        };
    }

    /** The next column ({@code step} 1) or the previous one ({@code -1}), wrapping around. */
    public MapColumn step(int step) {
        MapColumn[] all = values();
        return all[Math.floorMod(ordinal() + step, all.length)];
    }

    private static Comparator<MapRow> descending(ToDoubleFunction<MapRow> figure) {
        return (a, b) -> {
            double x = figure.applyAsDouble(a);
            double y = figure.applyAsDouble(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            }
            return Double.compare(y, x);
        };
    }
}
