package dev.mapwatch.bpf.testapp;

/** The class whose monitor the test threads contend on: the tests look for its name. */
public final class ContendedLock {

    /** Holds this object's monitor for about {@code millis} ms. */
    public synchronized void hold(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
