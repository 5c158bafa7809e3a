package dev.mapwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComputeTimesTest {

    private final ComputeTimes times = new ComputeTimes();
    private final FunctionPool thread = new FunctionPool();

    private void run(long elapsed, boolean alwaysTimed) {
        times.record(elapsed, times.weightOfNextRun(alwaysTimed, thread));
    }

    @Test
    void fastFunctionsAreTimedOneRunInTheIntervalWhichStandsForTheInterval() {
        for (int i = 0; i < 2 * ComputeTimes.SAMPLING_INTERVAL; i++) {
            run(100, false);
        }
        assertThat(times.runs()).isEqualTo(2L * ComputeTimes.SAMPLING_INTERVAL);
        assertThat(times.nanos()).isEqualTo(2L * ComputeTimes.SAMPLING_INTERVAL * 100);
        assertThat(times.maxNanos()).isEqualTo(100);
    }

    @Test
    void twoSlowTimedRunsInARowMakeTheSiteTimeEveryRunUntilAFastOne() {
        FunctionPool other = new FunctionPool();
        run(5_000, false); // each thread's first run is timed
        times.record(3_000, times.weightOfNextRun(false, other));
        for (int i = 0; i < 10; i++) {
            run(2_000, false); // all timed now
        }
        assertThat(times.runs()).isEqualTo(12);
        assertThat(times.nanos()).isEqualTo(5_000L + 3_000L + 10 * 2_000L);
        assertThat(times.maxNanos()).isEqualTo(5_000);
        run(100, false); // fast: back to sampling
        assertThat(times.weightOfNextRun(false, thread)).isZero();
    }

    @Test
    void oneSlowRunAloneIsAnOutlierNotASlowSite() {
        run(50_000, false); // a preempted run
        run(100, false); // not timed: the thread samples its next run 16 from now
        assertThat(times.weightOfNextRun(false, thread)).isZero();
        assertThat(times.nanos()).isEqualTo(50_000);
    }

    @Test
    void loadsAreAlwaysTimedOnce() {
        run(100, true);
        run(300, true);
        assertThat(times.runs()).isEqualTo(2);
        assertThat(times.nanos()).isEqualTo(400);
    }
}
