package dev.mapwatch.agent.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpHandler;
import dev.mapwatch.agent.AgentOptions;
import dev.mapwatch.agent.DaemonThreads;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's HTTP endpoint: the Prometheus client's {@link HTTPServer} ({@code /metrics} in
 * text 0.0.4 or OpenMetrics by content negotiation) on a small bounded pool of daemon
 * {@code mapwatch-http-*} threads, with {@code /health} and optional authentication on every path.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Map<String, String> JDK_SERVER_THREADS =
            Map.of(
                    "HTTP-Dispatcher", "mapwatch-http-dispatcher",
                    "idle-timeout-task", "mapwatch-http-idle-timeout",
                    "req-rsp-timeout-task", "mapwatch-http-request-timeout");

    private final HTTPServer server;
    private final String endpoint;

    private MetricsServer(HTTPServer server, String endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Binds and starts the server.
     *
     * @throws IOException when the address cannot be bound, e.g. the port is in use
     */
    public static MetricsServer start(
            AgentOptions options, PrometheusRegistry registry, HttpHandler other)
            throws IOException {
        // One thread, a second only when 64 requests queue up, idle ones go away: a scrape every
        // few seconds needs no more, and a flood is refused instead of growing the host's threads.
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(
                        1,
                        2,
                        30,
                        TimeUnit.SECONDS,
                        new ArrayBlockingQueue<>(64),
                        DaemonThreads.named("http"),
                        new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
        try {
            HTTPServer.Builder builder =
                    HTTPServer.builder(AgentExposition.properties())
                            .hostname(options.host())
                            .port(options.port())
                            .registry(registry)
                            .executorService(executor)
                            .defaultHandler(other)
                            .registerHealthHandler(false);
            authenticator(options).ifPresent(builder::authenticator);
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            HTTPServer server = builder.buildAndStart();
            nameJdkServerThreads(before);
            String host =
                    options.host().contains(":") ? "[" + options.host() + "]" : options.host();
            return new MetricsServer(
                    server, "http://" + host + ":" + server.getPort() + "/metrics");
        } catch (IOException | RuntimeException | Error e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /**
     * The JDK's HTTP server starts its own (daemon) threads with generic names; renamed, a thread
     * dump shows they are the agent's. Only threads that appeared during our start are touched.
     */
    private static void nameJdkServerThreads(Set<Thread> before) {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String rename = JDK_SERVER_THREADS.get(thread.getName());
            if (rename != null && !before.contains(thread)) {
                thread.setName(rename);
            }
        }
    }

    private static java.util.Optional<Authenticator> authenticator(AgentOptions options) {
        if (options.token().isPresent()) {
            return java.util.Optional.of(BearerTokenAuthenticator.of(options.token().get()));
        }
        if (options.user().isPresent()) {
            return java.util.Optional.of(
                    BasicCredentialsAuthenticator.of(
                            options.user().get(), options.password().get()));
        }
        return java.util.Optional.empty();
    }

    /** The URL of {@code /metrics}, with the port actually bound. */
    public String endpoint() {
        return endpoint;
    }

    /** The port actually bound (differs from the option when that was 0). */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
