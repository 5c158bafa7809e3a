package dev.mapwatch.maps;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Linearizability of every strategy, checked by Lincheck in model-checking mode (systematic
 * interleavings of the instrumented code) and stress mode (real threads), against {@link HashMap}
 * as the sequential specification. {@code SYNC_MAP} gets two more scenarios that start from states
 * where its promotion and expunge paths run: an amended dirty map about to be promoted by misses
 * or {@code Range}, and a read map holding tombstones that the next new key expunges.
 *
 * <p>Iteration counts are modest so that the module's tests stay within minutes on two cores.
 */
class MapLinearizabilityTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Strategy.class)
    void modelChecking(Strategy strategy) {
        modelCheckingOptions().sequentialSpecification(HashMapSpec.class).check(opsClass(strategy));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Strategy.class)
    void stress(Strategy strategy) {
        stressOptions().sequentialSpecification(HashMapSpec.class).check(opsClass(strategy));
    }

    @Test
    void syncMapPromotionPathModelChecking() {
        withPromotionScenarios(modelCheckingOptions())
                .sequentialSpecification(PromotionSpec.class)
                .check(SyncMapPromotionOps.class);
    }

    @Test
    void syncMapPromotionPathStress() {
        withPromotionScenarios(stressOptions())
                .sequentialSpecification(PromotionSpec.class)
                .check(SyncMapPromotionOps.class);
    }

    @Test
    void syncMapExpungePathModelChecking() {
        withExpungeScenarios(modelCheckingOptions())
                .sequentialSpecification(ExpungeSpec.class)
                .check(SyncMapExpungeOps.class);
    }

    @Test
    void syncMapExpungePathStress() {
        withExpungeScenarios(stressOptions())
                .sequentialSpecification(ExpungeSpec.class)
                .check(SyncMapExpungeOps.class);
    }

    /**
     * From keys 1 and 2 only in the dirty map: misses promote while other threads add keys,
     * delete and iterate.
     */
    private static <O extends Options<O, ?>> O withPromotionScenarios(O options) {
        Scenarios s = new Scenarios(SyncMapPromotionOps.class);
        return options.addCustomScenario(
                        s.parallel(
                                List.of(s.call("get", 1), s.call("get", 2)),
                                List.of(s.call("put", 3, 1), s.call("get", 3)),
                                List.of(s.call("get", 1), s.call("get", 3))))
                .addCustomScenario(
                        s.parallel(
                                List.of(s.call("range"), s.call("remove", 1)),
                                List.of(s.call("putIfAbsent", 1, 3), s.call("remove", 2)),
                                List.of(s.call("get", 1), s.call("get", 2))))
                .addCustomScenario(
                        s.parallel(
                                List.of(s.call("get", 1), s.call("get", 1), s.call("put", 4, 1)),
                                List.of(
                                        s.call("removeIfEquals", 2, 2),
                                        s.call("computeIfAbsent", 2, 3)),
                                List.of(s.call("get", 2), s.call("get", 4))));
    }

    /**
     * From tombstones 1 and 2 in the read map: a new key rebuilds the dirty map and expunges them
     * while other threads store into them, delete and compute.
     */
    private static <O extends Options<O, ?>> O withExpungeScenarios(O options) {
        Scenarios s = new Scenarios(SyncMapExpungeOps.class);
        return options.addCustomScenario(
                        s.parallel(
                                List.of(s.call("put", 4, 1), s.call("get", 4)),
                                List.of(s.call("put", 1, 2), s.call("get", 1)),
                                List.of(s.call("range"), s.call("get", 1), s.call("get", 4))))
                .addCustomScenario(
                        s.parallel(
                                List.of(s.call("putIfAbsent", 4, 1), s.call("remove", 3)),
                                List.of(s.call("putIfAbsent", 2, 2), s.call("remove", 3)),
                                List.of(s.call("get", 2), s.call("get", 3))))
                .addCustomScenario(
                        s.parallel(
                                List.of(s.call("computeIfAbsent", 1, 1), s.call("increment", 3)),
                                List.of(
                                        s.call("put", 4, 1),
                                        s.call("replace", 1, 2),
                                        s.call("range")),
                                List.of(s.call("get", 1), s.call("get", 3))))
                // A merge into an expunged key races a lock-free put once the merge has
                // unexpunged it (found by the stress run; the merge used to overwrite the put).
                .addCustomScenario(
                        s.parallel(
                                List.of(s.call("increment", 4), s.call("increment", 1)),
                                List.of(s.call("containsKey", 2), s.call("put", 1, 2)),
                                List.of(s.call("get", 1))))
                .addCustomScenario(
                        s.parallel(
                                List.of(s.call("remove", 3), s.call("put", 5, 1)),
                                List.of(
                                        s.call("replaceIfEquals", 3, 3),
                                        s.call("mergeOrRemove", 2, 1)),
                                List.of(s.call("get", 3), s.call("get", 2))));
    }

    // Many short scenarios find more than few long explorations, at the same cost.
    private static ModelCheckingOptions modelCheckingOptions() {
        return configure(new ModelCheckingOptions()).iterations(30).invocationsPerIteration(60);
    }

    private static StressOptions stressOptions() {
        return configure(new StressOptions()).iterations(20).invocationsPerIteration(150);
    }

    private static <O extends Options<O, ?>> O configure(O options) {
        return options.threads(2).actorsPerThread(3).actorsBefore(2).actorsAfter(1);
    }

    private static Class<? extends MapOps> opsClass(Strategy strategy) {
        return switch (strategy) {
            case CONCURRENT -> ConcurrentOps.class;
            case SYNC_MAP -> SyncMapOps.class;
            case LOCKED -> LockedOps.class;
            case STRIPED -> StripedOps.class;
            case SNAPSHOT -> SnapshotOps.class;
        };
    }

    private static <K, V> Map<K, V> watched(Strategy strategy) {
        MapWatchBuilder b = MapWatch.builder("lincheck-" + strategy).strategy(strategy);
        return strategy == Strategy.STRIPED ? b.shards(2).build() : b.build();
    }

    /** The operations Lincheck runs; values are small so that conditional operations succeed. */
    @Param(name = "key", gen = IntGen.class, conf = "1:4")
    @Param(name = "value", gen = IntGen.class, conf = "1:3")
    public abstract static class MapOps {
        final Map<Integer, Integer> map;

        MapOps(Map<Integer, Integer> map) {
            this.map = map;
        }

        @Operation
        public Integer get(@Param(name = "key") int key) {
            return map.get(key);
        }

        @Operation
        public boolean containsKey(@Param(name = "key") int key) {
            return map.containsKey(key);
        }

        @Operation
        public Integer put(@Param(name = "key") int key, @Param(name = "value") int value) {
            return map.put(key, value);
        }

        @Operation
        public Integer putIfAbsent(@Param(name = "key") int key, @Param(name = "value") int value) {
            return map.putIfAbsent(key, value);
        }

        @Operation
        public Integer remove(@Param(name = "key") int key) {
            return map.remove(key);
        }

        @Operation
        public boolean removeIfEquals(
                @Param(name = "key") int key, @Param(name = "value") int value) {
            return map.remove(key, value);
        }

        @Operation
        public Integer replace(@Param(name = "key") int key, @Param(name = "value") int value) {
            return map.replace(key, value);
        }

        @Operation
        public boolean replaceIfEquals(
                @Param(name = "key") int key, @Param(name = "value") int value) {
            return map.replace(key, value, value + 1);
        }

        @Operation
        public Integer computeIfAbsent(
                @Param(name = "key") int key, @Param(name = "value") int value) {
            return map.computeIfAbsent(key, k -> value);
        }

        @Operation
        public Integer increment(@Param(name = "key") int key) {
            return map.compute(key, (k, v) -> v == null ? 1 : v + 1);
        }

        @Operation
        public Integer mergeOrRemove(
                @Param(name = "key") int key, @Param(name = "value") int value) {
            return map.merge(key, value, (a, b) -> a.equals(b) ? null : b);
        }

        /** An operation only of {@link SyncMapOps}; a no-op in the specifications. */
        public void range() {}
    }

    /** The sequential specification: a plain {@link HashMap}. */
    public static class HashMapSpec extends MapOps {
        public HashMapSpec() {
            super(new HashMap<>());
        }
    }

    public static class ConcurrentOps extends MapOps {
        public ConcurrentOps() {
            super(watched(Strategy.CONCURRENT));
        }
    }

    public static class SyncMapOps extends MapOps {
        public SyncMapOps() {
            super(watched(Strategy.SYNC_MAP));
        }

        /** {@code Range}: promotes an amended dirty map; returns nothing, so always linearizable. */
        @Operation
        @Override
        public void range() {
            for (Map.Entry<Integer, Integer> e : map.entrySet()) {
                e.getValue();
            }
        }
    }

    public static class LockedOps extends MapOps {
        public LockedOps() {
            super(watched(Strategy.LOCKED));
        }
    }

    public static class StripedOps extends MapOps {
        public StripedOps() {
            super(watched(Strategy.STRIPED));
        }
    }

    public static class SnapshotOps extends MapOps {
        public SnapshotOps() {
            super(watched(Strategy.SNAPSHOT));
        }
    }

    /** Keys 1 and 2 only in the dirty map: two misses promote it, as does {@code range}. */
    static Map<Integer, Integer> amendedTwoKeys(Map<Integer, Integer> m) {
        m.put(1, 1);
        m.put(2, 2);
        return m;
    }

    /** Keys 1 and 2 deleted while in the read map (nil tombstones), 3 live: a new key expunges. */
    static Map<Integer, Integer> tombstonesInRead(Map<Integer, Integer> m) {
        m.put(1, 1);
        m.put(2, 2);
        m.put(3, 3);
        m.keySet().iterator(); // Range promotes: 1, 2, 3 in read
        m.remove(1);
        m.remove(2);
        return m;
    }

    public static class SyncMapPromotionOps extends SyncMapOps {
        public SyncMapPromotionOps() {
            amendedTwoKeys(map);
        }
    }

    public static class PromotionSpec extends MapOps {
        public PromotionSpec() {
            super(amendedTwoKeys(new HashMap<>()));
        }
    }

    public static class SyncMapExpungeOps extends SyncMapOps {
        public SyncMapExpungeOps() {
            tombstonesInRead(map);
        }
    }

    public static class ExpungeSpec extends MapOps {
        public ExpungeSpec() {
            super(tombstonesInRead(new HashMap<>()));
        }
    }
}
