package dev.mapwatch.bench.overhead;

import java.util.HashMap;
import java.util.Map;

/** The figures one {@link OverheadWorkload} run printed on its result line. */
record WorkloadResult(
        double unitsPerSecond,
        double unitsPerCpuSecond,
        long mapwatchThreads,
        long heapUsedAfterGc,
        long rssKb) {

    /** Parses {@code RESULT key=value ...}; fails naming the line when a figure is missing. */
    static WorkloadResult parse(String line) {
        if (!line.startsWith(OverheadWorkload.RESULT_PREFIX)) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair :
                line.substring(OverheadWorkload.RESULT_PREFIX.length()).trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        try {
            return new WorkloadResult(
                    Double.parseDouble(fields.get("unitsPerSecond")),
                    Double.parseDouble(fields.get("unitsPerCpuSecond")),
                    Long.parseLong(fields.get("mapwatchThreads")),
                    Long.parseLong(fields.get("heapUsedAfterGc")),
                    Long.parseLong(fields.get("rssKb")));
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("incomplete result line: " + line, e);
        }
    }
}
