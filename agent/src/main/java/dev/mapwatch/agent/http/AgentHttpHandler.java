package dev.mapwatch.agent.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Everything besides {@code /metrics} (which the Prometheus server handles itself):
 * {@code /health} as JSON, a one-line index at {@code /}, 404 elsewhere. A failure while
 * answering is contained: the client gets a 500, {@code onError} counts it.
 */
public final class AgentHttpHandler implements HttpHandler {

    private final Supplier<String> healthJson;
    private final Runnable onError;

    private AgentHttpHandler(Supplier<String> healthJson, Runnable onError) {
        this.healthJson = healthJson;
        this.onError = onError;
    }

    /** A handler answering {@code /health} with what {@code healthJson} gives. */
    public static AgentHttpHandler of(Supplier<String> healthJson, Runnable onError) {
        return new AgentHttpHandler(healthJson, onError);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())
                    && !"HEAD".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
            } else if (path.equals("/health")) {
                send(exchange, 200, "application/json", healthJson.get() + "\n");
            } else if (path.equals("/")) {
                send(
                        exchange,
                        200,
                        "text/plain; charset=utf-8",
                        "mapwatch agent: /metrics, /health\n");
            } else {
                send(
                        exchange,
                        404,
                        "text/plain; charset=utf-8",
                        "not found; try /metrics or /health\n");
            }
        } catch (IOException e) {
            throw e; // the client went away: the HTTP server deals with that
        } catch (Throwable t) {
            onError.run();
            dev.mapwatch.agent.AgentLog.failureOnce(
                    "http", "answering " + exchange.getRequestURI() + " failed", t);
            try {
                send(exchange, 500, "text/plain; charset=utf-8", "internal error\n");
            } catch (Throwable ignored) {
                // headers may already be out; nothing more to say to this client
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
