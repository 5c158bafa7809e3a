package dev.mapwatch.report.advice;

import dev.mapwatch.report.MapContention;
import dev.mapwatch.report.MapHealth;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision guide: an ordered list of rules on each map's statistics ({@link AdviceRule}), each
 * applied to every map, then the rules on the contention named by map ({@link MapContentionRule}).
 */
public final class AdviceRules {
    private final List<AdviceRule> rules;
    private final List<MapContentionRule> contentionRules;

    private AdviceRules(List<AdviceRule> rules, List<MapContentionRule> contentionRules) {
        this.rules = List.copyOf(rules);
        this.contentionRules = List.copyOf(contentionRules);
    }

    /** The rules mapwatch ships. */
    public static AdviceRules defaults() {
        return of(
                List.of(
                        new SyncMapMissChurnRule(),
                        new TombstoneBacklogRule(),
                        new SnapshotWriteHeavyRule(),
                        new ContendedLockRule(),
                        new ReadMostlyLockRule()),
                List.of(new SlowMappingFunctionRule()));
    }

    /** Rules on the maps' statistics only. */
    public static AdviceRules of(List<AdviceRule> rules) {
        return of(rules, List.of());
    }

    public static AdviceRules of(List<AdviceRule> rules, List<MapContentionRule> contentionRules) {
        return new AdviceRules(rules, contentionRules);
    }

    /** Every advice any rule gives for any of {@code maps}, map by map, rule by rule. */
    public List<Advice> adviseAll(List<MapHealth> maps) {
        return adviseAll(maps, List.of());
    }

    /** As {@link #adviseAll(List)}, followed by the contention rules' advice for {@code contended}, map by map. */
    public List<Advice> adviseAll(List<MapHealth> maps, List<MapContention> contended) {
        List<Advice> advice = new ArrayList<>();
        for (MapHealth map : maps) {
            for (AdviceRule rule : rules) {
                rule.evaluate(map).ifPresent(advice::add);
            }
        }
        for (MapContention map : contended) {
            for (MapContentionRule rule : contentionRules) {
                rule.evaluate(map).ifPresent(advice::add);
            }
        }
        return advice;
    }
}
