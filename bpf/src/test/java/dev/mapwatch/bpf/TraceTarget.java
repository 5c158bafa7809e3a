package dev.mapwatch.bpf;

import dev.mapwatch.bpf.testapp.TargetApp;
import dev.mapwatch.testkit.ChildJvm;
import java.util.List;
import java.util.regex.Pattern;

/** The {@link TargetApp} the bpf tests trace, in a child JVM of the JDK under test, once it is ready. */
final class TraceTarget {

    private TraceTarget() {}

    /** Starts the app with extra JVM options and waits until it says {@code ready}. */
    static ChildJvm start(String... jvmOptions) {
        ChildJvm child = ChildJvm.start(List.of(jvmOptions), null, List.of(), TargetApp.class);
        child.awaitStdout(Pattern.compile("^ready$"));
        return child;
    }
}
