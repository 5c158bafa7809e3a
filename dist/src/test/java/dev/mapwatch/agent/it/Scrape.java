package dev.mapwatch.agent.it;

import dev.mapwatch.testkit.ChildJvm;
import dev.mapwatch.testkit.Poll;
import dev.mapwatch.top.Exposition;
import dev.mapwatch.top.Samples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * HTTP against a child's agent, and the Prometheus text format it answers, parsed into samples by
 * the reader {@code mapwatch top} uses ({@link Exposition}).
 */
final class Scrape {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Samples samples;
    private final String body;

    private Scrape(String body) {
        this.body = body;
        this.samples = Exposition.parse(body);
    }

    static HttpResponse<String> get(String url, String... headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** GET {@code /metrics}, asserting 200. */
    static Scrape metrics(String endpoint, String... headers) {
        HttpResponse<String> response = get(endpoint, headers);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "GET "
                            + endpoint
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return new Scrape(response.body());
    }

    /** Scrapes until {@code sum(name, labels)} satisfies {@code condition}, or fails at the deadline. */
    static Scrape until(
            String endpoint, String name, Map<String, String> labels, DoublePredicate condition) {
        long deadline = System.nanoTime() + ChildJvm.DEADLINE.toNanos();
        while (true) {
            Scrape scrape = metrics(endpoint);
            if (condition.test(scrape.sum(name, labels))) {
                return scrape;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "within "
                                + ChildJvm.DEADLINE
                                + ", "
                                + name
                                + labels
                                + " never satisfied the condition; last value "
                                + scrape.sum(name, labels)
                                + "\n"
                                + scrape.body);
            }
            Poll.pause(java.time.Duration.ofMillis(200));
        }
    }

    /**
     * Scrapes until {@code sum(name, labels)} has not changed for {@code quiet} (longer than JFR's
     * one-second flush), so a baseline includes every event that happened before it.
     */
    static Scrape settled(
            String endpoint, String name, Map<String, String> labels, Duration quiet) {
        long deadline = System.nanoTime() + ChildJvm.DEADLINE.toNanos();
        Scrape last = metrics(endpoint);
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < quiet.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        name + labels + " never settled within " + ChildJvm.DEADLINE);
            }
            Poll.pause(java.time.Duration.ofMillis(250));
            Scrape next = metrics(endpoint);
            if (next.sum(name, labels) != last.sum(name, labels)) {
                stableSince = System.nanoTime();
            }
            last = next;
        }
        return last;
    }

    /** Sum of every sample named {@code name} whose labels include {@code labels}; 0 when none. */
    double sum(String name, Map<String, String> labels) {
        return samples.sum(name, labels);
    }

    boolean has(String name) {
        return samples.has(name);
    }

    Samples samples() {
        return samples;
    }

    String body() {
        return body;
    }
}
