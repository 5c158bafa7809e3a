package dev.mapwatch.agent;

import dev.mapwatch.instrument.MapsSelection;
import dev.mapwatch.maps.Counting;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent's settings, as given after {@code -javaagent:mapwatch-agent.jar=} or to
 * {@code mapwatch attach <pid>}, for example {@code port=9464,token=s3cret,lockThreshold=20ms}.
 *
 * @param port          TCP port of the HTTP endpoint; {@code 0} picks a free one (logged)
 * @param host          bind address; {@code 127.0.0.1} unless the scrape comes from elsewhere
 * @param token         bearer token required on every request, if present
 * @param user          basic-auth user (with {@code password}), if present
 * @param password      basic-auth password, present exactly when {@code user} is
 * @param lockThreshold monitor waits and parks shorter than this are not recorded
 * @param topN          how many class names keep their own series; the rest become {@code other}
 * @param debug         whether the agent's log lines carry stack traces (and debug lines are shown)
 * @param jfrStart      under {@code -javaagent}, whether the JFR recording starts before {@code main}
 * @param maps          the packages whose concurrent-map call sites are counted ({@code maps=}); none by default
 * @param mapsCounting  how those call sites count hits, misses, puts and removals ({@code mapsCounting=}):
 *                      {@link Counting#EXACT} by default, {@link Counting#SAMPLED} (estimates) or {@link
 *                      Counting#OFF} (sizes only); nothing to count without {@code maps}
 */
public record AgentOptions(
        int port,
        String host,
        Optional<String> token,
        Optional<String> user,
        Optional<String> password,
        Duration lockThreshold,
        int topN,
        boolean debug,
        JfrStart jfrStart,
        MapsSelection maps,
        Counting mapsCounting) {

    /** Default port, the one Prometheus' port allocation lists for JVM agents of this kind. */
    public static final int DEFAULT_PORT = 9464;

    /** Default bind address: local only, so nothing is exposed by accident. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Default lock-contention threshold, as JFR's own default profile uses. */
    public static final Duration DEFAULT_LOCK_THRESHOLD =
            dev.mapwatch.exporter.jfr.JfrMetrics.DEFAULT_LOCK_THRESHOLD;

    /** Default number of class names with their own series. */
    public static final int DEFAULT_TOP_N = 20;

    public AgentOptions {
        maps = maps == null ? MapsSelection.none() : maps;
        mapsCounting = mapsCounting == null ? Counting.EXACT : mapsCounting;
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("user and password go together");
        }
        java.util.Objects.requireNonNull(jfrStart, "jfrStart");
    }

    /** Options without {@code debug}, the recording starting before {@code main}, no {@code maps}. */
    public AgentOptions(
            int port,
            String host,
            Optional<String> token,
            Optional<String> user,
            Optional<String> password,
            Duration lockThreshold,
            int topN) {
        this(
                port,
                host,
                token,
                user,
                password,
                lockThreshold,
                topN,
                false,
                JfrStart.BEFORE_MAIN,
                MapsSelection.none(),
                Counting.EXACT);
    }

    /** The defaults: port 9464 on 127.0.0.1, no authentication. */
    public static AgentOptions defaults() {
        return new AgentOptions(
                DEFAULT_PORT,
                DEFAULT_HOST,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_LOCK_THRESHOLD,
                DEFAULT_TOP_N,
                false,
                JfrStart.BEFORE_MAIN,
                MapsSelection.none(),
                Counting.EXACT);
    }

    /**
     * Parses an agent argument string.
     *
     * @throws InvalidAgentOptionException with one line naming the bad option and what is allowed
     */
    public static AgentOptions parse(String agentArgs) {
        return AgentOptionsParser.parse(agentArgs);
    }

    /** Whether {@code /metrics} and {@code /health} ask for credentials. */
    public boolean authenticated() {
        return token.isPresent() || user.isPresent();
    }

    /** The options as an agent argument string again (secrets included), for {@code attach}. */
    public String toAgentArgs() {
        StringBuilder args =
                new StringBuilder()
                        .append("port=")
                        .append(port)
                        .append(",host=")
                        .append(host)
                        .append(",lockThreshold=")
                        .append(lockThreshold.toNanos())
                        .append("ns")
                        .append(",topN=")
                        .append(topN);
        token.ifPresent(t -> args.append(",token=").append(t));
        user.ifPresent(u -> args.append(",user=").append(u));
        password.ifPresent(p -> args.append(",password=").append(p));
        if (debug) {
            args.append(",debug=true");
        }
        if (jfrStart != JfrStart.BEFORE_MAIN) {
            args.append(",jfrStart=").append(jfrStart.value());
        }
        if (!maps.isEmpty()) {
            args.append(",maps=").append(maps);
        }
        if (mapsCounting != Counting.EXACT) {
            args.append(",mapsCounting=").append(EnumOptionValues.of(mapsCounting));
        }
        return args.toString();
    }

    @Override
    public String toString() {
        // Never print secrets: this ends up in logs.
        return "AgentOptions[port="
                + port
                + ", host="
                + host
                + ", auth="
                + (token.isPresent() ? "bearer" : user.isPresent() ? "basic" : "none")
                + ", lockThreshold="
                + lockThreshold
                + ", topN="
                + topN
                + ", debug="
                + debug
                + ", jfrStart="
                + jfrStart.value()
                + ", maps="
                + maps
                + ", mapsCounting="
                + EnumOptionValues.of(mapsCounting)
                + "]";
    }
}
