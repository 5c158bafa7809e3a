package dev.mapwatch.exporter.jfr;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Runs a {@link JfrEventHandler} so that its failure stays its own: an exception is counted in
 * {@value #ERRORS}{@code {handler=<event name>}}, logged once per handler, and the stream and the
 * other handlers go on.
 */
final class GuardedHandler {

    static final String ERRORS = "mapwatch.agent.errors";
    private static final System.Logger LOG = System.getLogger(GuardedHandler.class.getName());

    private final JfrEventHandler handler;
    private final Counter errors;
    private final AtomicBoolean logged = new AtomicBoolean();

    GuardedHandler(JfrEventHandler handler, MeterRegistry registry) {
        this.handler = handler;
        this.errors = errorCounter(registry, handler.eventName());
    }

    /** The error counter of one handler (also used for failures outside any handler, e.g. {@code stream}). */
    static Counter errorCounter(MeterRegistry registry, String handler) {
        return Counter.builder(ERRORS)
                .tag("handler", handler)
                .description("Exceptions contained inside mapwatch, by handler; each handler logs its first one")
                .register(registry);
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
                LOG.log(Level.WARNING, "mapwatch: the handler of " + handler.eventName() + " failed; its events are"
                        + " counted in mapwatch_agent_errors_total and further failures are not logged", failure);
            }
        }
    }
}
