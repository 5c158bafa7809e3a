package dev.mapwatch.report.advice;

import dev.mapwatch.report.MapHealth;
import java.util.ArrayList;
import java.util.List;

/** The decision guide: an ordered list of rules, each applied to every map. */
public final class AdviceRules {
    private final List<AdviceRule> rules;

    private AdviceRules(List<AdviceRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The rules mapwatch ships. */
    public static AdviceRules defaults() {
        return of(List.of(new SyncMapMissChurnRule(), new TombstoneBacklogRule(), new SnapshotWriteHeavyRule(),
                new ContendedLockRule(), new ReadMostlyLockRule()));
    }

    public static AdviceRules of(List<AdviceRule> rules) {
        return new AdviceRules(rules);
    }

    /** Every advice any rule gives for any of {@code maps}, map by map, rule by rule. */
    public List<Advice> adviseAll(List<MapHealth> maps) {
        List<Advice> advice = new ArrayList<>();
        for (MapHealth map : maps) {
            for (AdviceRule rule : rules) {
                rule.evaluate(map).ifPresent(advice::add);
            }
        }
        return advice;
    }
}
