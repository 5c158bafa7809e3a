package dev.mapwatch.alerts.tooling;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A scrape target on loopback that serves the contract's mapwatch metrics with made-up, steadily
 * moving values, in the Prometheus text format 0.0.4: the agent's families on {@value #AGENT_PATH},
 * the bpf runner's on {@value #BPF_PATH}. Counters grow at fixed rates from the moment the target
 * starts, so rates, ratios and histogram quantiles have values after two scrapes.
 * It stands in for {@code mapwatch demo} until that exists.
 */
public final class SyntheticMapwatchTarget implements AutoCloseable {

    /** Where the agent's metrics are served. */
    public static final String AGENT_PATH = "/metrics";
    /** Where the bpf runner's metrics are served. */
    public static final String BPF_PATH = "/bpf/metrics";
    /** The map the target reports. */
    public static final String MAP = "sessions";

    private static final double[] LIFETIME_BUCKETS = {0.001, 0.01, 0.1, 1, 10, 60, 600};

    private final HttpServer server;
    private final long startNanos = System.nanoTime();

    private SyntheticMapwatchTarget(HttpServer server) {
        this.server = server;
    }

    /** Starts serving on an ephemeral loopback port. */
    public static SyntheticMapwatchTarget start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            SyntheticMapwatchTarget target = new SyntheticMapwatchTarget(server);
            server.createContext(AGENT_PATH, exchange -> target.serve(exchange, target::agentMetrics));
            server.createContext(BPF_PATH, exchange -> target.serve(exchange, target::bpfMetrics));
            server.start();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the synthetic target", e);
        }
    }

    /** {@code 127.0.0.1:port}, as a scrape target and as Prometheus' {@code instance} label. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void serve(HttpExchange exchange, Consumer<Exposition> metrics) throws IOException {
        Exposition exposition = new Exposition((System.nanoTime() - startNanos) / 1e9);
        metrics.accept(exposition);
        byte[] body = exposition.text().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void agentMetrics(Exposition m) {
        String map = "map=\"" + MAP + "\",strategy=\"SYNC_MAP\"";
        m.counter("mapwatch_map_lookups_total", map + ",result=\"hit\"", 900);
        m.counter("mapwatch_map_lookups_total", map + ",result=\"miss\"", 100);
        m.counter("mapwatch_map_puts_total", map, 50);
        m.counter("mapwatch_map_removals_total", map, 40);
        m.counter("mapwatch_map_promotions_total", map, 0.5);
        m.gauge("mapwatch_map_tombstones", map, 120 + 10 * Math.sin(m.seconds));
        m.gauge("mapwatch_map_tombstone_oldest_age_seconds", map, m.seconds % 30);
        m.counter("mapwatch_map_tombstones_purged_total", map, 35);
        m.counter("mapwatch_map_lock_waits_total", map, 3);
        m.counter("mapwatch_map_lock_wait_seconds_total", map, 0.02);
        m.gauge("mapwatch_map_size", map, 10_000 + 50 * Math.sin(m.seconds));

        // One family at a time: the text format wants each family's samples together.
        String platform = "kind=\"platform\"";
        String virtual = "kind=\"virtual\"";
        m.gauge("mapwatch_threads_live", platform, 40);
        m.gauge("mapwatch_threads_live", virtual, 900 + 20 * Math.sin(m.seconds));
        m.counter("mapwatch_threads_started_total", platform, 0.2);
        m.counter("mapwatch_threads_started_total", virtual, 200);
        m.counter("mapwatch_threads_ended_total", platform, 0.2);
        m.counter("mapwatch_threads_ended_total", virtual, 199);
        m.histogram("mapwatch_thread_lifetime_seconds", platform, 0.2, 60);
        m.histogram("mapwatch_thread_lifetime_seconds", virtual, 199, 0.05);
        String monitor = "kind=\"monitor\",class=\"com.example.Cache\"";
        String park = "kind=\"park\",class=\"java.util.concurrent.locks.ReentrantLock\"";
        m.summary("mapwatch_lock_contention_seconds", monitor, 20, 0.004);
        m.summary("mapwatch_lock_contention_seconds", park, 5, 0.01);
        m.gauge("mapwatch_lock_contention_seconds_max", monitor, 0.05);
        m.gauge("mapwatch_lock_contention_seconds_max", park, 0.2);
        m.counter("mapwatch_allocation_bytes_total", "class=\"byte[]\"", 64e6);
        m.counter("mapwatch_allocation_bytes_total", "class=\"java.lang.String\"", 16e6);
        m.counter("mapwatch_allocation_bytes_total", "class=\"other\"", 8e6);
        m.summary("mapwatch_virtual_thread_pinned_seconds", "", 2, 0.03);
        m.gauge("mapwatch_virtual_thread_pinned_seconds_max", "", 0.08);
        m.counter("mapwatch_agent_errors_total", "handler=\"jdk.ThreadPark\"", 0.01);
        m.gauge("mapwatch_agent_info", "version=\"0.1.0\",jdk=\"" + Runtime.version().feature() + "\"", 1);
    }

    private void bpfMetrics(Exposition m) {
        String main = "pid=\"4242\",thread=\"main\"";
        String worker = "pid=\"4242\",thread=\"worker-1\"";
        m.counter("mapwatch_cpu_cache_references_total", main, 5e6);
        m.counter("mapwatch_cpu_cache_references_total", worker, 20e6);
        m.counter("mapwatch_cpu_cache_misses_total", main, 1e6);
        m.counter("mapwatch_cpu_cache_misses_total", worker, 2e6);
        m.counter("mapwatch_offcpu_seconds_total", main, 0.3);
        m.counter("mapwatch_offcpu_seconds_total", worker, 0.6);
    }

    /** Writes families in the text format; counters grow at their rate from the start. */
    private static final class Exposition {

        private final double seconds;
        private final StringBuilder text = new StringBuilder();
        private String lastFamily = "";

        Exposition(double seconds) {
            this.seconds = seconds;
        }

        void counter(String name, String labels, double perSecond) {
            type(name, "counter");
            sample(name, labels, perSecond * seconds);
        }

        void gauge(String name, String labels, double value) {
            type(name, "gauge");
            sample(name, labels, value);
        }

        /** A Micrometer timer: {@code count} events per second of {@code mean} seconds each. */
        void summary(String name, String labels, double count, double mean) {
            type(name, "summary");
            sample(name + "_count", labels, count * seconds);
            sample(name + "_sum", labels, count * mean * seconds);
        }

        /** {@code count} observations per second, spread over the buckets around {@code typical}. */
        void histogram(String name, String labels, double count, double typical) {
            type(name, "histogram");
            for (double le : LIFETIME_BUCKETS) {
                double share = Math.min(1, le / (2 * typical)); // grows with le: cumulative, as buckets are
                sample(name + "_bucket", join(labels, "le=\"" + le + "\""), share * count * seconds);
            }
            sample(name + "_bucket", join(labels, "le=\"+Inf\""), count * seconds);
            sample(name + "_count", labels, count * seconds);
            sample(name + "_sum", labels, typical * count * seconds);
        }

        private void type(String name, String type) {
            if (!name.equals(lastFamily)) {
                text.append("# HELP ").append(name).append(" synthetic mapwatch metric\n");
                text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
                lastFamily = name;
            }
        }

        private void sample(String name, String labels, double value) {
            text.append(name);
            if (!labels.isEmpty()) {
                text.append('{').append(labels).append('}');
            }
            text.append(' ').append(String.format(Locale.ROOT, "%.6f", value)).append('\n');
        }

        private static String join(String labels, String more) {
            return labels.isEmpty() ? more : labels + "," + more;
        }

        String text() {
            return text.toString();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
