package dev.mapwatch.bench.startup;

/**
 * The trivial application of {@code bench/agent-startup.py}: prints one line as its first act, so
 * the time from launching {@code java} to that line is the JVM's start-up plus whatever an agent
 * does before {@code main}.
 */
public final class FirstLine {

    private FirstLine() {}

    public static void main(String[] args) {
        System.out.println("main");
    }
}
