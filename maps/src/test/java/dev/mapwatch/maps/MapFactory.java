package dev.mapwatch.maps;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/** One way of making a watched map, named for test reports: every strategy plus instrument. */
record MapFactory(
        String label, Strategy strategy, Function<MapWatchBuilder, WatchedMap<?, ?>> make) {

    @SuppressWarnings("unchecked")
    <K, V> WatchedMap<K, V> create() {
        return (WatchedMap<K, V>) make.apply(MapWatch.builder("test-" + label));
    }

    @SuppressWarnings("unchecked")
    <K, V> WatchedMap<K, V> create(Function<MapWatchBuilder, MapWatchBuilder> configure) {
        return (WatchedMap<K, V>) make.apply(configure.apply(MapWatch.builder("test-" + label)));
    }

    @Override
    public String toString() {
        return label;
    }

    /** The five strategies and {@code instrument(new ConcurrentHashMap<>())}. */
    static Stream<MapFactory> all() {
        return Stream.concat(
                strategies(),
                Stream.of(
                        new MapFactory(
                                "instrument(CHM)",
                                Strategy.CONCURRENT,
                                b -> b.instrument(new ConcurrentHashMap<>()))));
    }

    /** The five strategies; STRIPED with 4 shards so that shards hold several keys. */
    static Stream<MapFactory> strategies() {
        return Stream.of(Strategy.values())
                .map(
                        s ->
                                new MapFactory(
                                        s.name(),
                                        s,
                                        b ->
                                                s == Strategy.STRIPED
                                                        ? b.strategy(s).shards(4).build()
                                                        : b.strategy(s).build()));
    }
}
