package dev.mapwatch.maps;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import java.util.Collections;
import java.util.Map;
import java.util.Map.Entry;
import java.util.stream.Stream;
import junit.framework.Test;
import junit.framework.TestFailure;
import junit.framework.TestResult;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * guava-testlib's {@link ConcurrentMapTestSuiteBuilder} (the {@code Map} and {@code ConcurrentMap}
 * contract as Guava's authors test it, views and iterators included) over every strategy and an
 * instrumented {@code ConcurrentHashMap}, counted exactly and uncounted, with no suppression.
 * Each of Guava's JUnit 3 tests is one JUnit 5 dynamic test, so a failure names the tester.
 * What Guava does not check (counting, atomicity under threads) is in {@link MapContractTest}.
 */
class GuavaMapSuitesTest {

    @TestFactory
    Stream<DynamicNode> guavaConcurrentMapSuites() {
        return MapFactory.all()
                .flatMap(
                        factory ->
                                Stream.of(Counting.EXACT, Counting.OFF)
                                        .map(counting -> node(suite(factory, counting))));
    }

    private static Test suite(MapFactory factory, Counting counting) {
        return ConcurrentMapTestSuiteBuilder.using(
                        new TestStringMapGenerator() {
                            @Override
                            protected Map<String, String> create(Entry<String, String>[] entries) {
                                WatchedMap<String, String> map =
                                        factory.create(b -> b.counting(counting));
                                for (Entry<String, String> e : entries) {
                                    map.put(e.getKey(), e.getValue());
                                }
                                return map;
                            }
                        })
                .named(factory.label().replace("(", "[").replace(")", "]") + " " + counting)
                .withFeatures(
                        MapFeature.GENERAL_PURPOSE,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                        CollectionSize.ANY)
                .createTestSuite();
    }

    /** A JUnit 3 suite as a container, each test case as a dynamic test that throws its first failure. */
    private static DynamicNode node(Test test) {
        if (test instanceof TestSuite suite) {
            return dynamicContainer(
                    suite.getName(),
                    Collections.list(suite.tests()).stream().map(GuavaMapSuitesTest::node));
        }
        return dynamicTest(
                test.toString(),
                () -> {
                    TestResult result = new TestResult();
                    test.run(result);
                    for (TestFailure f : Collections.list(result.errors())) {
                        throw f.thrownException();
                    }
                    for (TestFailure f : Collections.list(result.failures())) {
                        throw f.thrownException();
                    }
                    if (result.runCount() != 1) {
                        throw new AssertionError(
                                "expected one test to run, ran " + result.runCount());
                    }
                });
    }
}
