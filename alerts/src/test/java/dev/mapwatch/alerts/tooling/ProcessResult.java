package dev.mapwatch.alerts.tooling;

/**
 * What a finished program printed and returned.
 *
 * @param command  the command line, for messages
 * @param exitCode its exit code
 * @param output   standard output and standard error, interleaved
 */
public record ProcessResult(String command, int exitCode, String output) {

    /** True when the program exited with 0. */
    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The command, its exit code and its output, for an assertion message. */
    public String describe() {
        return "$ " + command + "\n(exit " + exitCode + ")\n" + output;
    }
}
