package dev.mapwatch.top;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A running agent's {@code /metrics} (Prometheus text format) and {@code /health} (JSON), with the
 * credentials the endpoint asks for. Each {@link #scrape} is two GETs with a 5 s timeout; a failure
 * is a {@link TopFailure} naming the endpoint and what to do.
 */
public final class AgentEndpoint {

    /** Exit code: the endpoint does not answer, or does not answer as a mapwatch agent. */
    public static final int NOT_ANSWERING = 7;

    /** Exit code: the endpoint asks for credentials, or refused the ones given. */
    public static final int UNAUTHORIZED = 8;

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** One scrape: both answers, and when it was taken ({@link System#nanoTime()}). */
    public record Scrape(Samples samples, Health health, long nanoTime) {}

    private final URI metrics;
    private final URI health;
    private final Optional<String> authorization;
    private final HttpClient client;

    private AgentEndpoint(URI metrics, Optional<String> authorization) {
        this.metrics = metrics;
        String path = metrics.getPath();
        this.health =
                metrics.resolve(
                        path.endsWith("/metrics")
                                ? path.substring(0, path.length() - "metrics".length()) + "health"
                                : "/health");
        this.authorization = authorization;
        this.client =
                HttpClient.newBuilder()
                        .connectTimeout(TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    /**
     * The agent at {@code url} ({@code http://host:port} or its {@code /metrics} URL).
     *
     * @throws IllegalArgumentException when {@code url} is not an http(s) URL
     */
    public static AgentEndpoint of(String url, Credentials credentials) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + url + "' is neither a pid nor a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("'" + url + "' is neither a pid nor an http:// URL");
        }
        if (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")) {
            uri = uri.resolve("/metrics");
        }
        return new AgentEndpoint(uri, credentials.authorization());
    }

    /** The {@code /metrics} URL. */
    public String url() {
        return metrics.toString();
    }

    /** Reads {@code /metrics} and {@code /health}. */
    public Scrape scrape() {
        String text = get(metrics, "text/plain; version=0.0.4");
        long at = System.nanoTime();
        Samples samples;
        try {
            samples = Exposition.parse(text);
        } catch (Exposition.MalformedException e) {
            throw new TopFailure(
                    NOT_ANSWERING, metrics + " does not answer Prometheus text: " + e.getMessage());
        }
        if (!samples.has("mapwatch_agent_info") && !samples.has("mapwatch_threads_live")) {
            throw new TopFailure(
                    NOT_ANSWERING,
                    metrics
                            + " serves no mapwatch metrics; give the mapwatch agent's"
                            + " endpoint (mapwatch attach <pid> prints it)");
        }
        Health parsed;
        try {
            parsed = Health.parse(get(health, "application/json"));
        } catch (IOException | TopFailure e) {
            parsed = Health.unknown(); // the figures are there; the header says what is unknown
        }
        return new Scrape(samples, parsed, at);
    }

    private String get(URI uri, String accept) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", accept).GET();
        authorization.ifPresent(value -> request.header("Authorization", value));
        HttpResponse<String> response;
        try {
            response =
                    client.send(
                            request.build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TopFailure(
                    NOT_ANSWERING,
                    uri
                            + " does not answer ("
                            + describe(e)
                            + "); is the agent running there, and is this its port?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopFailure(1, "interrupted");
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new TopFailure(
                    UNAUTHORIZED,
                    uri
                            + " answered "
                            + status
                            + (authorization.isPresent()
                                    ? ": it refused the credentials given; check token=, or user= and password="
                                    : ": it asks for credentials; add token=<token>, or user=<user> password=<password>"));
        }
        if (status != 200) {
            throw new TopFailure(
                    NOT_ANSWERING,
                    uri + " answered HTTP " + status + "; give the mapwatch agent's endpoint");
        }
        return response.body();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** The credentials of the agent options {@code token=}, or {@code user=} with {@code password=}. */
    public record Credentials(
            Optional<String> token, Optional<String> user, Optional<String> password) {

        /** No credentials. */
        public static Credentials none() {
            return new Credentials(Optional.empty(), Optional.empty(), Optional.empty());
        }

        /**
         * The credentials among agent options ({@code key=value}, separately or comma-separated);
         * other options are ignored.
         */
        public static Credentials fromAgentOptions(Iterable<String> options) {
            Optional<String> token = Optional.empty(),
                    user = Optional.empty(),
                    password = Optional.empty();
            for (String option : options) {
                for (String pair : option.split(",")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String key = pair.substring(0, eq).strip();
                    String value = pair.substring(eq + 1).strip();
                    switch (key) {
                        case "token" -> token = Optional.of(value);
                        case "user" -> user = Optional.of(value);
                        case "password" -> password = Optional.of(value);
                        default -> {
                            // not a credential
                        }
                    }
                }
            }
            return new Credentials(token, user, password);
        }

        Optional<String> authorization() {
            if (token.isPresent()) {
                return Optional.of("Bearer " + token.get());
            }
            if (user.isPresent()) {
                String pair = user.get() + ":" + password.orElse("");
                return Optional.of(
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
            }
            return Optional.empty();
        }
    }
}
