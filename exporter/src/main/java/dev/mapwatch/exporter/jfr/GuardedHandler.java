package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.log.MapwatchLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Runs a {@link JfrEventHandler} so that its failure stays its own: an exception is counted in
 * {@value #ERRORS}{@code {handler=<event name>}}, logged once per handler, and the stream and the
 * other handlers go on.
 */
final class GuardedHandler {

    static final String ERRORS = "mapwatch.agent.errors";

    private final JfrEventHandler handler;
    private final Counter errors;
    private final MapwatchLog log;
    private final AtomicBoolean logged = new AtomicBoolean();

    GuardedHandler(JfrEventHandler handler, MeterRegistry registry, MapwatchLog log) {
        this.handler = handler;
        this.errors = errorCounter(registry, handler.eventName());
        this.log = log;
    }

    /** The error counter of one handler (also used for failures outside any handler, e.g. {@code stream}). */
    static Counter errorCounter(MeterRegistry registry, String handler) {
        return Counter.builder(ERRORS)
                .tag("handler", handler)
                .description(
                        "Exceptions contained inside mapwatch, by handler; each handler logs its first one")
                .register(registry);
    }

    /** One line: which handler, what was thrown, where it is counted, and that it is said once. */
    static String failureMessage(String handler, Throwable failure) {
        return "handler "
                + handler
                + " failed ("
                + MapwatchLog.describe(failure)
                + "); contained and counted in"
                + " mapwatch_agent_errors_total{handler=\""
                + handler
                + "\"}, logged once per handler";
    }

    void accept(RecordedEvent event) {
        run(() -> handler.accept(event));
    }

    void onFlush() {
        run(handler::onFlush);
    }

    private void run(Runnable work) {
        try {
            work.run();
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            errors.increment();
            if (logged.compareAndSet(false, true)) {
                log.warning(failureMessage(handler.eventName(), failure), failure);
            }
        }
    }
}
