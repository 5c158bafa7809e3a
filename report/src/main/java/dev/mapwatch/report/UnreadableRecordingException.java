package dev.mapwatch.report;

/** The input is not a JFR recording the report can read; the message says why, in one line. */
public final class UnreadableRecordingException extends Exception {
    public UnreadableRecordingException(String reason) {
        super(reason);
    }

    public UnreadableRecordingException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
