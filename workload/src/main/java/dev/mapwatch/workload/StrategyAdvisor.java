package dev.mapwatch.workload;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The strategy {@code mapwatch bench} recommends from measured scores: the fastest counted
 * strategy by median; but {@code CONCURRENT} (the default, with no tombstones, promotions or copies
 * to watch) when it is within {@value #DEFAULT_MARGIN_PERCENT}% of that. The uncounted {@link
 * MapKind#RAW_CHM} is a reference, never a pick.
 */
public final class StrategyAdvisor {

    /** How much slower than the fastest {@code CONCURRENT} may be and still be picked. */
    public static final int DEFAULT_MARGIN_PERCENT = 5;

    private static final String DEFAULT_REASON =
            "the default: no tombstones, promotions or copies to watch";

    /** A recommended strategy and why, in one sentence. */
    public record Advice(MapKind pick, String reason) {}

    private StrategyAdvisor() {}

    /**
     * The advice for {@code scores} (see the class comment).
     *
     * @throws IllegalArgumentException when no counted strategy was scored
     */
    public static Advice advise(List<StrategyScore> scores) {
        StrategyScore best =
                scores.stream()
                        .filter(s -> s.kind() != MapKind.RAW_CHM)
                        .max(Comparator.comparingDouble(StrategyScore::medianOpsPerMicro))
                        .orElseThrow(() -> new IllegalArgumentException("no strategy scores"));
        StrategyScore concurrent =
                scores.stream()
                        .filter(s -> s.kind() == MapKind.CONCURRENT)
                        .findFirst()
                        .orElse(null);
        if (concurrent == best) {
            return new Advice(
                    MapKind.CONCURRENT, "the fastest counted strategy here, and " + DEFAULT_REASON);
        }
        if (concurrent == null) {
            return new Advice(
                    best.kind(), "the fastest counted strategy here (CONCURRENT was not measured)");
        }
        double ratio = concurrent.medianOpsPerMicro() / best.medianOpsPerMicro();
        if (ratio >= 1 - DEFAULT_MARGIN_PERCENT / 100.0) {
            return new Advice(
                    MapKind.CONCURRENT,
                    String.format(
                            Locale.ROOT,
                            "within %d%% of the fastest, %s (%.2f of its throughput), and %s",
                            DEFAULT_MARGIN_PERCENT,
                            best.kind(),
                            ratio,
                            DEFAULT_REASON));
        }
        String reason =
                String.format(
                        Locale.ROOT,
                        "the fastest counted strategy here, %.2fx the throughput of CONCURRENT (the default)",
                        1 / ratio);
        if (best.minOpsPerMicro() <= concurrent.maxOpsPerMicro()) {
            // The slices overlap: the lead may be noise on a busy machine.
            reason +=
                    "; the slices' ranges overlap, so measure longer (without --quick, or a longer --slice) before switching";
        }
        return new Advice(best.kind(), reason);
    }
}
