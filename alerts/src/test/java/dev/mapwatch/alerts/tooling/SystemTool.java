package dev.mapwatch.alerts.tooling;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A program of the system (promtool, prometheus) that a test needs. Missing: the test is skipped with
 * the reason, or fails when {@code CI=true} (CI installs every part, so a missing one is a bug there).
 */
public final class SystemTool {

    private SystemTool() {}

    /**
     * Finds {@code name} on the {@code PATH}.
     *
     * @param name          the executable's name
     * @param debianPackage the package that provides it, for the message
     * @return its path; never returns when it is missing (the test is aborted or failed)
     */
    public static Path require(String name, String debianPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseGet(
                        () ->
                                missing(
                                        name
                                                + " is not installed (Debian package "
                                                + debianPackage
                                                + "; scripts/install-test-deps installs it)"));
    }

    /** True when the tests run under CI, where a missing part is a failure. */
    public static boolean underCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the test with {@code reason}, or fails it under CI. */
    public static <T> T missing(String reason) {
        if (underCi()) {
            return Assertions.fail(reason + " [CI=true: a missing part fails the test]");
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }
}
