package dev.mapwatch.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The estimator of {@link Counting#SAMPLED} against exact counts, with the real {@link
 * WindowSchedule} under a simulated clock ({@link SamplingSimulation}): a minute at a million
 * operations a second takes a second or two. Seeds are fixed, so every run draws the same numbers;
 * each bound is at least four standard errors of the formulas in {@link SamplingWindows} (the
 * standard error is given next to it).
 */
class SampledCountingTest {

    private static final long CYCLE = SamplingWindows.DEFAULT_CYCLE_MICROS * 1_000L;
    private static final int K = SamplingWindows.DEFAULT_WEIGHT;

    @Test
    void steadyLoadOfAMillionPerSecondIsWithinAFractionOfAPercentOverAMinute() {
        var r = SamplingSimulation.run(60, micros -> 1.0, 1);
        assertThat(r.lookups()).isBetween(59_000_000L, 61_000_000L);
        // standard error sqrt(k/N): 0.073 % for lookups, 0.10 % for hits and for misses
        assertThat(r.lookupError()).isCloseTo(0, within(0.004));
        assertThat(r.hitError()).isCloseTo(0, within(0.005));
        assertThat(r.missError()).isCloseTo(0, within(0.005));
        assertThat(r.estimatedMissRatio()).isCloseTo(r.missRatio(), within(0.002));
        assertThat(r.representedShare()).isCloseTo(1.0, within(0.000_1));
    }

    @Test
    void skewedKeysAndMissStormsKeepHitsMissesAndTheMissRatio() {
        // keys drawn with a heavy skew towards small ones, a quarter of them absent; and for 20 ms
        // of every 200 ms a storm of lookups of one absent key (90 % misses)
        SamplingSimulation.Load skewed =
                new SamplingSimulation.Load() {
                    @Override
                    public double opsPerMicro(long micros) {
                        return 1.0;
                    }

                    @Override
                    public boolean hit(SplittableRandom random, long micros) {
                        if (micros % 200_000 < 20_000) {
                            return random.nextInt(10) == 0;
                        }
                        double u = random.nextDouble();
                        int key = (int) (10_000 * u * u * u * u);
                        return key % 4 != 0;
                    }
                };
        var r = SamplingSimulation.run(30, skewed, 2);
        assertThat(r.missRatio()).isBetween(0.3, 0.5);
        // standard errors about 0.13 % and 0.2 %; the storms add (20 ms switches) 0.1 %
        assertThat(r.hitError()).isCloseTo(0, within(0.01));
        assertThat(r.missError()).isCloseTo(0, within(0.01));
        assertThat(r.estimatedMissRatio()).isCloseTo(r.missRatio(), within(0.003));
    }

    @Test
    void burstsOfAboutFiftyMillisecondsStayWithinTwoPercentOverHalfAMinute() {
        var r = SamplingSimulation.run(30, bursts(3, 50_000), 3);
        assertThat(r.lookups()).isBetween(20_000_000L, 40_000_000L);
        // about 600 switches between 0 and 2 per microsecond: C sqrt(600/6) / 15 s = 0.53 %
        assertThat(r.lookupError()).isCloseTo(0, within(0.02));
        assertThat(r.estimatedMissRatio()).isCloseTo(r.missRatio(), within(0.003));
    }

    @Test
    void loadWithThePeriodOfTheWindowsDoesNotAlias() {
        // square waves phase-locked to the sampler's own cycles: on (2 per microsecond) for the
        // first half of every period. Worst case C: one switch inside every cycle, standard error
        // 1.15 % over a minute, 2.6 % over the 12 s simulated here
        for (long period : new long[] {CYCLE, CYCLE / 2, CYCLE * 137 / 100, 2 * CYCLE}) {
            var r = SamplingSimulation.run(12, square(period), period);
            assertThat(r.lookupError()).as("period %d ns", period).isCloseTo(0, within(0.1));
            assertThat(r.estimatedMissRatio()).isCloseTo(r.missRatio(), within(0.005));
        }
        // the same load under systematic sampling (the window always at the cycle's start) sees
        // only the on halves: this is the aliasing the random rotation removes
        var aliased =
                SamplingSimulation.run(
                        12,
                        square(CYCLE),
                        5,
                        CYCLE,
                        K,
                        SamplingSimulation.Lateness.NONE,
                        bound -> 0);
        assertThat(aliased.lookupError()).isCloseTo(1.0, within(0.05));
    }

    @Test
    void aLateAndSometimesStalledSamplerStillRepresentsTheTimeElapsed() {
        // every window edge 0 to 200 us late, and one edge in a hundred 20 ms late
        SamplingSimulation.Lateness late =
                random -> random.nextInt(100) == 0 ? 20_000_000 : random.nextLong(200_000);
        var r = SamplingSimulation.run(30, micros -> 1.0, 6, CYCLE, K, late, null);
        // what is still carried at the end (the last stalls' excess, paid back an eighth per
        // window) is a few tenths of a per cent of the 30 s
        assertThat(r.representedShare()).isCloseTo(1.0, within(0.005));
        assertThat(r.lookupError()).isCloseTo(0, within(0.01));
    }

    /**
     * A sampler on a saturated host: every window edge 0 to 1.5 ms late (windows open about five
     * times their planned 250 us, as measured at load average 10 to 20 on 2 cores) and one edge in
     * twenty 5 ms late; and, apart, rare 50 ms stalls. Under steady load a second's estimate is
     * proportional to the time its windows represent, so that is what is bounded, for each of 60
     * seconds (seeds fixed). Weights paying back all of a late close in the next windows (the first
     * design) gave 0.91 to 1.10 and 0.27 to 1.73 here; sized for the expected lateness and with the
     * carry spread ({@link WindowSchedule}), 0.97 to 1.04 and 0.76 to 1.26.
     */
    @Test
    void aLateSamplerOnASaturatedHostStillRepresentsEverySecond() {
        assertEverySecondRepresented(
                random -> random.nextInt(20) == 0 ? 5_000_000 : random.nextLong(1_500_001), 0.06);
        assertEverySecondRepresented(
                random -> random.nextInt(500) == 0 ? 50_000_000 : random.nextLong(2_000_001), 0.3);
    }

    private static void assertEverySecondRepresented(
            SamplingSimulation.Lateness late, double bound) {
        long end = 60_000_000_000L;
        long[] arcs =
                SamplingSimulation.windows(
                        end,
                        new SplittableRandom(1)::nextLong,
                        CYCLE,
                        K,
                        late,
                        new SplittableRandom(2));
        double[] perSecond = SamplingSimulation.representedPerSecond(arcs, end);
        assertThat(perSecond).hasSize(60);
        for (int s = 0; s < perSecond.length; s++) {
            assertThat(perSecond[s]).as("second %d", s).isCloseTo(1.0, within(bound));
        }
    }

    /** On at 2 per microsecond and off, each for a random time of mean {@code meanMicros}. */
    private static SamplingSimulation.Load bursts(long seed, double meanMicros) {
        SplittableRandom random = new SplittableRandom(seed);
        return new SamplingSimulation.Load() {
            private long next;
            private boolean on;

            @Override
            public double opsPerMicro(long micros) {
                while (micros >= next) {
                    on = !on;
                    next += 1 + (long) (-Math.log(1 - random.nextDouble()) * meanMicros);
                }
                return on ? 2.0 : 0.0;
            }
        };
    }

    /** 2 per microsecond in the first half of every period, none in the second. */
    private static SamplingSimulation.Load square(long periodNanos) {
        return micros -> (micros * 1_000) % periodNanos < periodNanos / 2 ? 2.0 : 0.0;
    }
}
