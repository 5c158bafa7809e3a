package dev.mapwatch.maps;

/**
 * Counting that counts only while a sampling window is open ({@link Counting#SAMPLED}): the
 * sampler thread opens and closes every live target at each window edge ({@link WindowTargets}).
 * A target publishes its cells in a field its hot path reads when opened and clears it when
 * closed, so that outside a window a sampled operation loads one field of its own map and
 * branches: nothing shared is read.
 */
interface WindowTarget {

    /** Opens a window: operations count into the cells, each adding {@code weight}. */
    void openWindow(int weight);

    /** Closes the window: operations count nothing. */
    void closeWindow();
}
