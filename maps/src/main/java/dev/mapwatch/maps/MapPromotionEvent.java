package dev.mapwatch.maps;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/** {@code mapwatch.MapPromotion}: a {@link Strategy#SYNC_MAP} promoted its dirty map. */
@Name(MapEventNames.PROMOTION)
@Label("Map Promotion")
@Category("mapwatch")
@Description("A sync map promoted its dirty map to the read-only map")
final class MapPromotionEvent extends Event {
    @Label("Map")
    @Nullable String map;

    @Label("Strategy")
    @Nullable String strategy;

    @Label("Entries")
    @Description("Entries in the promoted map")
    long entries;
}
