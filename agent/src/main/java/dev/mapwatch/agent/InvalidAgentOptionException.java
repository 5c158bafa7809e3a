package dev.mapwatch.agent;

/** A bad agent option; the message is one line fit for stderr, naming the option and what is allowed. */
public final class InvalidAgentOptionException extends IllegalArgumentException {

    InvalidAgentOptionException(String message) {
        super(message);
    }
}
