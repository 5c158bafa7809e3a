package dev.mapwatch.report;

import java.time.Duration;
import java.time.Instant;

/**
 * What was recorded, where and when.
 *
 * @param file           the file name as given
 * @param bytes          its size
 * @param chunks         JFR chunks in it
 * @param start          start of the recording
 * @param duration       its length
 * @param events         events read
 * @param jvmName        from {@code jdk.JVMInformation}, {@code null} when absent
 * @param jvmVersion     likewise
 * @param javaArguments  likewise (main class or jar and its arguments)
 * @param jvmArguments   likewise
 * @param pid            likewise, {@code null} when absent
 * @param jvmStart       likewise, {@code null} when absent
 */
public record RecordingInfo(
        String file,
        long bytes,
        int chunks,
        Instant start,
        Duration duration,
        long events,
        String jvmName,
        String jvmVersion,
        String javaArguments,
        String jvmArguments,
        Long pid,
        Instant jvmStart) {}
