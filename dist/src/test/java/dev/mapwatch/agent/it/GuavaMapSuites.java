package dev.mapwatch.agent.it;

import com.google.common.collect.testing.TestsForMapsInJavaUtil;
import com.google.common.collect.testing.testers.CollectionAddAllTester;
import com.google.common.collect.testing.testers.CollectionAddTester;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import junit.framework.TestFailure;
import junit.framework.TestResult;
import junit.framework.TestSuite;

/**
 * Guava's own test suites for the JDK's maps (guava-testlib's {@code TestsForMapsInJavaUtil}:
 * tens of thousands of JUnit tests written by Guava's authors, over {@code ConcurrentHashMap} and
 * {@code ConcurrentSkipListMap}, with Guava's own feature lists and suppressions), for {@code ThirdPartyMapsIT}: run under the agent with
 * {@code maps=com.google.common}, every call the testers (and Guava itself) make on those maps goes
 * through the counting helpers. Prints {@code tests <n> failures <f> errors <e>}, then waits for
 * {@code quit} so the agent can be asked what it saw.
 */
final class GuavaMapSuites {

    private GuavaMapSuites() {}

    public static void main(String[] args) throws Exception {
        // Guava's own suites for the JDK's concurrent maps, with Guava's feature lists and
        // suppressions.
        ConcurrentMapsInJavaUtil tests = new ConcurrentMapsInJavaUtil();
        TestSuite suite = new TestSuite("Guava's suites for the JDK's concurrent maps");
        suite.addTest(tests.testsForConcurrentHashMap());
        suite.addTest(tests.testsForConcurrentSkipListMapNatural());
        suite.addTest(tests.testsForConcurrentSkipListMapWithComparator());
        long started = System.nanoTime();
        TestResult result = new TestResult();
        suite.run(result);
        long millis = (System.nanoTime() - started) / 1_000_000;
        for (Enumeration<TestFailure> e = result.failures(); e.hasMoreElements(); ) {
            System.out.println("failure " + e.nextElement());
        }
        for (Enumeration<TestFailure> e = result.errors(); e.hasMoreElements(); ) {
            TestFailure error = e.nextElement();
            System.out.println("error " + error + " " + error.trace().lines().limit(8).toList());
        }
        System.out.println(
                "tests "
                        + result.runCount()
                        + " failures "
                        + result.failureCount()
                        + " errors "
                        + result.errorCount()
                        + " in "
                        + millis
                        + " ms");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            // waiting for the test to read the agent's figures
        }
    }

    /**
     * Guava's suites as Guava runs them, plus one suppression its list lacks for the JDKs tested
     * here: a {@code ConcurrentHashMap}'s {@code entrySet()} accepts {@code add} (these three tests
     * fail the same way without mapwatch).
     */
    static final class ConcurrentMapsInJavaUtil extends TestsForMapsInJavaUtil {
        @Override
        protected Collection<Method> suppressForConcurrentHashMap() {
            List<Method> suppressed = new ArrayList<>(super.suppressForConcurrentHashMap());
            suppressed.add(CollectionAddTester.getAddUnsupportedNotPresentMethod());
            suppressed.add(CollectionAddAllTester.getAddAllUnsupportedNonePresentMethod());
            suppressed.add(CollectionAddAllTester.getAddAllUnsupportedSomePresentMethod());
            return suppressed;
        }
    }
}
