package dev.mapwatch.top;

/** Two scrapes of an agent 2 s apart, as the agent writes them (docs/metrics.md), with known differences. */
final class Fixtures {

    static final double SECONDS = 2.0;

    static final String BEFORE =
            """
            # TYPE mapwatch_agent_info gauge
            mapwatch_agent_info{jdk="17.0.15",version="0.1.0"} 1
            mapwatch_map_counting{counting="exact",map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 1.0
            mapwatch_map_counting{counting="sampled",map="hot",strategy="CONCURRENT"} 1.0
            mapwatch_map_lookups_total{map="com.acme.Cache.entries",result="hit",strategy="ConcurrentHashMap"} 1000
            mapwatch_map_lookups_total{map="com.acme.Cache.entries",result="miss",strategy="ConcurrentHashMap"} 500
            mapwatch_map_puts_total{map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 500
            mapwatch_map_removals_total{map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 0
            mapwatch_map_size{map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 500
            mapwatch_map_lookups_total{map="hot",result="hit",strategy="CONCURRENT"} 0
            mapwatch_map_size{map="hot",strategy="CONCURRENT"} 7
            mapwatch_map_lock_waits_total{map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 0
            mapwatch_map_lock_contention_seconds_count{map="com.acme.Cache.entries",mode="write",strategy="ConcurrentHashMap"} 10
            mapwatch_map_lock_contention_seconds_sum{map="com.acme.Cache.entries",mode="write",strategy="ConcurrentHashMap"} 1.0
            mapwatch_map_compute_seconds_count{map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 100
            mapwatch_lock_contention_seconds_count{class="com.acme.Ledger",kind="monitor"} 4
            mapwatch_lock_contention_seconds_sum{class="com.acme.Ledger",kind="monitor"} 0.4
            mapwatch_lock_contention_seconds_count{class="java.lang.Object",kind="monitor"} 9
            mapwatch_lock_contention_seconds_sum{class="java.lang.Object",kind="monitor"} 0.9
            mapwatch_threads_live{kind="platform"} 30
            mapwatch_threads_started_total{kind="platform"} 100
            mapwatch_threads_ended_total{kind="platform"} 70
            mapwatch_thread_lifetime_seconds_bucket{kind="platform",le="0.1"} 5
            mapwatch_thread_lifetime_seconds_bucket{kind="platform",le="1.0"} 10
            mapwatch_thread_lifetime_seconds_bucket{kind="platform",le="+Inf"} 20
            mapwatch_thread_lifetime_seconds_count{kind="platform"} 20
            mapwatch_allocation_bytes_total{class="byte[]"} 1000000
            mapwatch_allocation_bytes_total{class="java.lang.String"} 0
            """;

    static final String NOW =
            """
            # TYPE mapwatch_agent_info gauge
            mapwatch_agent_info{jdk="17.0.15",version="0.1.0"} 1
            mapwatch_map_counting{counting="exact",map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 1.0
            mapwatch_map_counting{counting="sampled",map="hot",strategy="CONCURRENT"} 1.0
            mapwatch_map_lookups_total{map="com.acme.Cache.entries",result="hit",strategy="ConcurrentHashMap"} 4000
            mapwatch_map_lookups_total{map="com.acme.Cache.entries",result="miss",strategy="ConcurrentHashMap"} 1500
            mapwatch_map_puts_total{map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 1500
            mapwatch_map_removals_total{map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 0
            mapwatch_map_size{map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 1500
            mapwatch_map_lookups_total{map="hot",result="hit",strategy="CONCURRENT"} 200000
            mapwatch_map_size{map="hot",strategy="CONCURRENT"} 7
            mapwatch_map_lock_waits_total{map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 0
            mapwatch_map_lock_contention_seconds_count{map="com.acme.Cache.entries",mode="write",strategy="ConcurrentHashMap"} 16
            mapwatch_map_lock_contention_seconds_sum{map="com.acme.Cache.entries",mode="write",strategy="ConcurrentHashMap"} 2.2
            mapwatch_map_lock_contention_seconds_max{map="com.acme.Cache.entries",mode="write",strategy="ConcurrentHashMap"} 0.25
            mapwatch_map_compute_seconds_count{map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 140
            mapwatch_map_compute_seconds_max{map="com.acme.Cache.entries",strategy="ConcurrentHashMap"} 0.3
            mapwatch_lock_contention_seconds_count{class="com.acme.Ledger",kind="monitor"} 8
            mapwatch_lock_contention_seconds_sum{class="com.acme.Ledger",kind="monitor"} 0.6
            mapwatch_lock_contention_seconds_max{class="com.acme.Ledger",kind="monitor"} 0.05
            mapwatch_lock_contention_seconds_count{class="java.lang.Object",kind="monitor"} 9
            mapwatch_lock_contention_seconds_sum{class="java.lang.Object",kind="monitor"} 0.9
            mapwatch_threads_live{kind="platform"} 32
            mapwatch_threads_started_total{kind="platform"} 120
            mapwatch_threads_ended_total{kind="platform"} 88
            mapwatch_thread_lifetime_seconds_bucket{kind="platform",le="0.1"} 9
            mapwatch_thread_lifetime_seconds_bucket{kind="platform",le="1.0"} 16
            mapwatch_thread_lifetime_seconds_bucket{kind="platform",le="+Inf"} 28
            mapwatch_thread_lifetime_seconds_count{kind="platform"} 28
            mapwatch_allocation_bytes_total{class="byte[]"} 5000000
            mapwatch_allocation_bytes_total{class="java.lang.String"} 2000000
            mapwatch_allocation_bytes_total{class="com.acme.Invoice"} 1000000
            """;

    private Fixtures() {}

    static Interval interval() {
        return new Interval(Exposition.parse(BEFORE), Exposition.parse(NOW), SECONDS);
    }

    static Frame.Header header() {
        return new Frame.Header(
                "pid 4242",
                4242,
                "17.0.15",
                3725,
                "0.1.0",
                60,
                "UP",
                "running",
                "",
                0,
                SECONDS,
                12);
    }

    static Frame frame() {
        return Frames.of(interval(), header());
    }
}
