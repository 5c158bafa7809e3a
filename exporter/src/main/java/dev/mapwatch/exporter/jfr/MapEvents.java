package dev.mapwatch.exporter.jfr;

import dev.mapwatch.exporter.labels.TopNLabels;
import jdk.jfr.consumer.RecordedEvent;

/** The names of the JFR events the maps publish, and what their events share. */
final class MapEvents {

    static final String STATISTICS = dev.mapwatch.maps.MapEventNames.STATISTICS;
    static final String PROMOTION = dev.mapwatch.maps.MapEventNames.PROMOTION;
    static final String LOCK_WAIT = dev.mapwatch.maps.MapEventNames.LOCK_WAIT;

    private MapEvents() {}

    /** The label values {@code map}, {@code strategy} of an event; both {@code other} when folded. */
    record MapLabels(String map, String strategy) {
        static MapLabels of(RecordedEvent event) {
            String map = event.getString("map");
            String strategy = event.getString("strategy");
            if (map == null || strategy == null) {
                throw new IllegalArgumentException(
                        event.getEventType().getName() + " event without map or strategy");
            }
            return new MapLabels(map, strategy);
        }

        /** One string per map for {@link TopNLabels}. */
        String key() {
            return map + '\u0000' + strategy;
        }

        MapLabels forLabel(String label) {
            return TopNLabels.OTHER.equals(label)
                    ? new MapLabels(TopNLabels.OTHER, TopNLabels.OTHER)
                    : this;
        }
    }
}
