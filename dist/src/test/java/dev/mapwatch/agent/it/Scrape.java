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
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Function;

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
     * Scrapes until {@code wrong} finds nothing wrong with a scrape, then returns the next scrape,
     * which must have nothing wrong either; fails at the deadline with what was wrong and the last
     * scrape. {@code wrong} answers what does not hold yet (empty: all is as expected).
     *
     * <p>Why the next one: a scrape reads the families one after the other, in no fixed order (the
     * Prometheus registry keeps its collectors in a hash set), while the agent publishes what the
     * call sites counted once a second. A scrape can read {@code mapwatch_map_size} before a
     * publication and the counters after it: then it shows the counts of the traffic but not yet the
     * size of that same moment, or no size series at all for a map the publication just added. Every
     * family of a scrape started after that one has returned is read after that publication, which
     * read each map's size after its counts, so after the traffic.
     */
    static Scrape untilNothingWrong(String endpoint, Function<Scrape, List<String>> wrong) {
        long deadline = System.nanoTime() + ChildJvm.DEADLINE.toNanos();
        while (true) {
            Scrape scrape = metrics(endpoint);
            List<String> found = wrong.apply(scrape);
            if (found.isEmpty()) {
                Scrape after = metrics(endpoint);
                List<String> later = wrong.apply(after);
                if (!later.isEmpty()) {
                    throw new AssertionError(
                            "changed with nothing run: " + later + "\n" + after.body);
                }
                return after;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "within " + ChildJvm.DEADLINE + ", still " + found + "\n" + scrape.body);
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
