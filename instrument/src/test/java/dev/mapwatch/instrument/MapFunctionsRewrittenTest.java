package dev.mapwatch.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.mapwatch.bootstrap.MapSites;
import dev.mapwatch.bootstrap.SiteStats;
import dev.mapwatch.instrument.MapCallRewriterTest.RewritingLoader;
import dev.mapwatch.instrument.fixture.Loads;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The calls with a function, kept at their sites and counted through MapFunctions, on a rewritten class. */
class MapFunctionsRewrittenTest {

    private static final String LOADS = Loads.class.getName();

    /** A fresh rewritten copy of {@link Loads} (its own site names: a loader per test would share them). */
    private static Object loads() throws ReflectiveOperationException {
        return new RewritingLoader(LOADS).loadClass(LOADS).getDeclaredConstructor().newInstance();
    }

    private static Object call(Object loads, String method, Object... args)
            throws ReflectiveOperationException {
        for (Method m : loads.getClass().getMethods()) {
            if (m.getName().equals(method)) {
                return m.invoke(loads, args);
            }
        }
        throw new NoSuchMethodException(method);
    }

    private static Map<String, SiteStats> stats() {
        return MapSites.snapshot().stream()
                .filter(s -> s.map().startsWith(LOADS + "."))
                .collect(Collectors.toMap(s -> s.map().substring(LOADS.length() + 1), s -> s));
    }

    /** What happened between two snapshots ({@code size} left out: it covers every test's instances). */
    private static SiteStats delta(SiteStats now, SiteStats before) {
        if (before == null) {
            before =
                    new SiteStats(
                            now.map(), now.strategy(), now.counting(), 0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new SiteStats(
                now.map(),
                now.strategy(),
                now.counting(),
                now.hits() - before.hits(),
                now.misses() - before.misses(),
                now.puts() - before.puts(),
                now.removals() - before.removals(),
                0,
                now.computeRuns() - before.computeRuns(),
                0,
                0);
    }

    private static SiteStats counted(
            String map,
            String strategy,
            long hits,
            long misses,
            long puts,
            long removals,
            long runs) {
        return new SiteStats(
                LOADS + "." + map, strategy, "EXACT", hits, misses, puts, removals, 0, runs, 0, 0);
    }

    @Test
    void everyCallWithAFunctionCountsItsLookupsPutsRemovalsAndRuns() throws Exception {
        Map<String, SiteStats> before = stats();
        Object loads = loads();
        assertThat(call(loads, "loadTwice")).isEqualTo(2);
        assertThat(call(loads, "nested")).isEqualTo(8);
        assertThat(call(loads, "throwingLoader")).isEqualTo("loader failed");
        assertThat(call(loads, "merges", 5)).isEqualTo(6L);
        assertThat(call(loads, "nestedTries")).isEqualTo("inner");
        Map<String, SiteStats> after = stats();

        assertThat(delta(after.get("built"), before.get("built")))
                .isEqualTo(counted("built", "ConcurrentHashMap", 0, 1, 1, 0, 1));
        // loadTwice: miss put run, hit; throwingLoader and nestedTries: a run that threw, then miss
        // put run.
        assertThat(delta(after.get("cache"), before.get("cache")))
                .isEqualTo(counted("cache", "ConcurrentHashMap", 1, 3, 3, 0, 5));
        assertThat(delta(after.get("outer"), before.get("outer")))
                .isEqualTo(counted("outer", "ConcurrentHashMap", 0, 1, 1, 0, 1));
        assertThat(delta(after.get("inner"), before.get("inner")))
                .isEqualTo(counted("inner", "ConcurrentSkipListMap", 0, 1, 1, 0, 1));
        // 5 merges (the first stores the value without running the function), a compute, a get, a
        // removal.
        assertThat(delta(after.get("counts"), before.get("counts")))
                .isEqualTo(counted("counts", "ConcurrentHashMap", 1, 0, 6, 1, 6));
    }

    @Test
    void aSlowFunctionsTimeIsItsRunsTime() throws Exception {
        Object loads = loads();
        LongSupplier clock = System::nanoTime;
        SiteStats before = stats().get("cache");
        long started = System.nanoTime();
        call(loads, "slowLoader", 20_000_000L, clock);
        long elapsed = System.nanoTime() - started;
        SiteStats after = stats().get("cache");
        long runs = after.computeRuns() - (before == null ? 0 : before.computeRuns());
        long nanos = after.computeNanos() - (before == null ? 0 : before.computeNanos());
        assertThat(runs).isEqualTo(1);
        assertThat(nanos).isBetween(20_000_000L, elapsed);
        assertThat(after.computeMaxNanos()).isGreaterThanOrEqualTo(20_000_000L);
    }

    @Test
    void aCountedMergeAllocatesNothingPerCall() throws Exception {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Object loads = loads();
        Method loop = loads.getClass().getMethod("mergeLoop", int.class);
        loop.invoke(
                loads,
                20_000); // the thread's wrapper pool, the map's node and the site's binding, once
        long id = Thread.currentThread().getId();
        long start = threads.getThreadAllocatedBytes(id);
        loop.invoke(loads, 100_000);
        long allocated = threads.getThreadAllocatedBytes(id) - start;
        // A wrapper per call would be at least 24 bytes x 100 000; reflection and the counters'
        // cells may take a few.
        assertThat(allocated).isLessThan(64 * 1024);
    }

    @Test
    void onlyConstructorsAndCallsInsideDisagreeingHandlersUseTheWholeCallHelper() throws Exception {
        byte[] rewritten =
                MapCallRewriter.rewrite(MapCallRewriterTest.bytes(LOADS), MapSites::register);
        Map<String, Integer> wholeCalls = new java.util.TreeMap<>();
        new org.objectweb.asm.ClassReader(rewritten)
                .accept(
                        new org.objectweb.asm.ClassVisitor(org.objectweb.asm.Opcodes.ASM9) {
                            @Override
                            public org.objectweb.asm.MethodVisitor visitMethod(
                                    int access,
                                    String name,
                                    String descriptor,
                                    String signature,
                                    String[] exceptions) {
                                return new org.objectweb.asm.MethodVisitor(
                                        org.objectweb.asm.Opcodes.ASM9) {
                                    @Override
                                    public void visitMethodInsn(
                                            int opcode,
                                            String owner,
                                            String method,
                                            String desc,
                                            boolean itf) {
                                        if (owner.equals(CountedCalls.WHOLE_CALLS)) {
                                            wholeCalls.merge(name, 1, Integer::sum);
                                        }
                                    }
                                };
                            }
                        },
                        0);
        assertThat(wholeCalls)
                .containsExactlyInAnyOrderEntriesOf(Map.of("<init>", 1, "nestedTries", 1));
    }
}
