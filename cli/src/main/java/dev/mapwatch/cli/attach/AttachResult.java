package dev.mapwatch.cli.attach;

import dev.mapwatch.agent.JsonLine;

/**
 * What {@code attach} did.
 *
 * @param pid            the target JVM
 * @param endpoint       the {@code /metrics} URL the agent serves there
 * @param alreadyRunning whether the agent was running before (nothing was loaded)
 */
record AttachResult(long pid, String endpoint, boolean alreadyRunning) {

    String toText() {
        return alreadyRunning
                ? "mapwatch agent already running in JVM " + pid + " at " + endpoint
                : "mapwatch agent serving " + endpoint + " in JVM " + pid;
    }

    String toJson() {
        return JsonLine.of(
                json -> {
                    json.writeStartObject();
                    json.writeNumberField("pid", pid);
                    json.writeStringField("endpoint", endpoint);
                    json.writeBooleanField("alreadyRunning", alreadyRunning);
                    json.writeEndObject();
                });
    }
}
