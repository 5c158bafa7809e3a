package dev.mapwatch.cli.demo;

/**
 * Sleeps in its static initializer. A virtual thread that blocks while it initializes a class stays
 * pinned to its carrier on every JDK (JDK 24 unpinned monitors, not class initialization), so the demo
 * defines this class afresh as a hidden class (a class initializes once) to show virtual-thread pinning
 * on JDK 21 to 25 alike.
 */
final class PinningInitializer {

    /** Longer than the agent's default threshold (10 ms) and JFR's default for the event (20 ms). */
    static final long BLOCK_MILLIS = 25;

    static {
        try {
            Thread.sleep(BLOCK_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PinningInitializer() {}
}
