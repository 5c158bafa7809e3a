package dev.mapwatch.cli;

/**
 * A command that could not do its job, with the exit code its help documents. {@link
 * MapwatchCommand} prints the message as one line (no stack trace) and exits with the code.
 */
public final class CommandFailure extends RuntimeException {

    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The process exit code. */
    public int exitCode() {
        return exitCode;
    }
}
