package dev.mapwatch.alerts.tooling;

import java.util.concurrent.TimeUnit;

/** What tests do with the programs they start (Prometheus, the agent jar's commands). */
public final class ChildProcesses {

    private ChildProcesses() {}

    /** Stops {@code process}: politely (SIGTERM, so it can clean up), then forcibly after 10 s. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
