package dev.mapwatch.exporter.jfr;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * Starts a {@link jdk.jfr.consumer.RecordingStream} on a thread of its own and waits until its
 * recording runs, so that the caller knows every event from then on is recorded. {@code
 * RecordingStream.startAsync()} would do both, but its thread is not a daemon and keeps the JVM
 * alive after {@code main} returns; {@code start()} blocks its thread for the stream's life. The
 * stream's recording is the one that appeared between {@link #prepare()} and the start, found
 * through {@link FlightRecorder#getRecordings()}; its state change comes through a {@link
 * FlightRecorderListener}.
 */
final class RecordingStart {

    private final Set<Long> before;

    private RecordingStart(Set<Long> before) {
        this.before = before;
    }

    /** Call just before creating the stream. */
    static RecordingStart prepare() {
        Set<Long> ids = new HashSet<>();
        for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
            ids.add(recording.getId());
        }
        return new RecordingStart(ids);
    }

    /**
     * Runs {@code start} (which starts the stream's thread) and waits at most {@code timeout} until
     * the new recording has left the state {@code NEW}; false when that was not seen (no new
     * recording found, timeout, or interrupted: the interrupt is kept).
     */
    boolean startAndAwait(Runnable start, Duration timeout) {
        Set<Long> ours = new HashSet<>();
        for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (!before.contains(recording.getId()) && recording.getState() == RecordingState.NEW) {
                ours.add(recording.getId());
            }
        }
        if (ours.isEmpty()) {
            start.run();
            return false;
        }
        CountDownLatch running = new CountDownLatch(1);
        FlightRecorderListener listener =
                new FlightRecorderListener() {
                    @Override
                    public void recordingStateChanged(Recording recording) {
                        if (ours.contains(recording.getId())
                                && recording.getState() != RecordingState.NEW) {
                            running.countDown();
                        }
                    }
                };
        FlightRecorder.addListener(listener);
        try {
            start.run();
            if (started(ours)) {
                return true;
            }
            return running.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            FlightRecorder.removeListener(listener);
        }
    }

    private static boolean started(Set<Long> ours) {
        List<Recording> recordings = FlightRecorder.getFlightRecorder().getRecordings();
        return recordings.stream()
                .anyMatch(r -> ours.contains(r.getId()) && r.getState() != RecordingState.NEW);
    }
}
