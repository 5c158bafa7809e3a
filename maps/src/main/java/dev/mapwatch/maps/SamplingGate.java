package dev.mapwatch.maps;

/**
 * The one shared field that {@link Counting#SAMPLED} reads on the hot path: {@link #gate}, zero
 * outside a sampling window, and inside one the window's weight (about {@code k}), the amount each
 * operation counted in it adds. Written by the sampler thread only, twice per window; alone in its
 * class so that no other static field shares the cache line every core reads.
 *
 * <p>Volatile so that the JIT can neither hoist the read out of a loop (a thread would then miss
 * or outlive a window) nor cache it; on x86 and AArch64 a volatile read is an ordinary load (plus
 * an ordering constraint on the compiler only). A constant the JIT folds ({@code SwitchPoint},
 * {@code MutableCallSite}) would be cheaper per read but invalidates every compiled method that
 * inlined it on each flip: hundreds of deoptimisations a second.
 */
final class SamplingGate {

    /** Zero when closed, else the weight of an operation counted in the open window. */
    static volatile int gate;

    private SamplingGate() {}
}
