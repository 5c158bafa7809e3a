package dev.mapwatch.top;

/** {@code top} could not do its job: one line for the user, and the exit code its help documents. */
public final class TopFailure extends RuntimeException {

    private final int exitCode;

    public TopFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The process exit code. */
    public int exitCode() {
        return exitCode;
    }
}
