package dev.mapwatch.maps;

/**
 * The names of mapwatch's JFR events: the contract between the maps library, which emits them, and
 * the exporter, the agent and {@code mapwatch report}, which read them by name (never by class:
 * the agent's copy of this library is relocated). Defined here once.
 */
public final class MapEventNames {

    /** Periodic: what one live map has counted ({@code MapStatisticsEvent}; the agent's counted call sites too). */
    public static final String STATISTICS = "mapwatch.MapStatistics";

    /** A {@code SYNC_MAP} promotion of its dirty map ({@code MapPromotionEvent}). */
    public static final String PROMOTION = "mapwatch.MapPromotion";

    /** A contended wait for a map's own lock above its threshold ({@code MapLockWaitEvent}). */
    public static final String LOCK_WAIT = "mapwatch.MapLockWait";

    /** Per chunk, from the agent: where a rewritten call site is and which map it names. */
    public static final String CALL_SITE = "mapwatch.MapCallSite";

    private MapEventNames() {}
}
