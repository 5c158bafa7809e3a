package dev.mapwatch.agent;

/**
 * When the agent's JFR recording starts under {@code -javaagent} (option {@code jfrStart}). After
 * {@code attach} the recording always starts in the background: the application is already running.
 */
public enum JfrStart {
    /**
     * Before {@code premain} returns, so everything from the first line of {@code main} is recorded.
     * Delays {@code main} by JFR's initialisation (measured in the agent README).
     */
    BEFORE_MAIN,
    /**
     * On the agent's start thread while {@code main} runs: {@code main} is not delayed, but what
     * JFR would report before the recording runs (contention, allocation, virtual threads, thread
     * lifetimes in the first 0.3 to 1 s) is never seen. Platform thread counts stay exact.
     */
    BACKGROUND;

    /** The option's value, e.g. {@code before-main}. */
    public String value() {
        return EnumOptionValues.of(this);
    }
}
