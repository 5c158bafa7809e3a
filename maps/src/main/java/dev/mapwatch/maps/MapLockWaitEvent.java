package dev.mapwatch.maps;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import org.jspecify.annotations.Nullable;

/** {@code mapwatch.MapLockWait}: a contended acquisition of a map's lock above its threshold. */
@Name(MapEventNames.LOCK_WAIT)
@Label("Map Lock Wait")
@Category("mapwatch")
@Description("A thread waited for a watched map's lock at least the map's threshold")
final class MapLockWaitEvent extends Event {
    @Label("Map")
    @Nullable String map;

    @Label("Strategy")
    @Nullable String strategy;

    @Label("Mode")
    @Description("read or write")
    @Nullable String mode;
}
