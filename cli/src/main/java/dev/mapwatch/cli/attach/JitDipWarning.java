package dev.mapwatch.cli.attach;

import java.util.Optional;
import java.util.Properties;

/**
 * What {@code attach} says before it loads the agent into a JVM where that will make HotSpot
 * discard most of its compiled code. The agent starts JFR; the first start of JFR in a running JVM
 * before JDK 23 retransforms classes through JVMTI, and because the JIT did not record the
 * dependencies that would limit the damage, HotSpot then deoptimises nearly every compiled method
 * (JDK-8324241, fixed in JDK 23). Measured (agent README, "Attach and the JIT"): on JDK 17, 85 % of
 * the compiled methods of a warmed-up workload, whether by {@code mapwatch attach} or a plain
 * {@code jcmd JFR.start} with no event enabled; on JDK 25, 10 to 20 % (ordinary class-loading
 * invalidation). A JVM that has already run a JFR recording (for example started with {@code
 * -XX:StartFlightRecording}, or given the agent with {@code -javaagent}) has paid this at the time
 * and is not hit again; it is recognised by JFR's system property {@code jdk.jfr.repository}.
 */
final class JitDipWarning {

    /** The first JDK whose JIT records the dependencies (JDK-8324241). */
    static final int FIXED_IN = 23;

    private JitDipWarning() {}

    /** The line to print before attaching to a JVM with these system properties, if any. */
    static Optional<String> forTarget(Properties target) {
        int feature = feature(target.getProperty("java.specification.version", ""));
        if (feature <= 0
                || feature >= FIXED_IN
                || target.getProperty("jdk.jfr.repository") != null) {
            return Optional.empty();
        }
        return Optional.of(
                "mapwatch: JDK "
                        + feature
                        + " discards most compiled code when JFR first starts in a"
                        + " running JVM (JDK-8324241, fixed in JDK 23): expect throughput to fall by half or more for about"
                        + " 10 s and to recover over 20-30 s while the JIT recompiles; to avoid it, start the JVM with"
                        + " -javaagent:mapwatch-agent.jar instead");
    }

    private static int feature(String specificationVersion) {
        try {
            return Integer.parseInt(
                    specificationVersion.startsWith("1.")
                            ? specificationVersion.substring(2)
                            : specificationVersion.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
