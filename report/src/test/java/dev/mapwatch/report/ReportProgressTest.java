package dev.mapwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The terminal progress line: silent on quick reads, a percentage by event time on slow ones. */
class ReportProgressTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final RecordingSpan SPAN =
            new RecordingSpan(1, 1, START, START.plusSeconds(100));

    @Test
    void quickReadsPrintNothing() {
        StringWriter err = new StringWriter();
        AtomicLong clock = new AtomicLong();
        Progress progress = Progress.onTerminal(new PrintWriter(err), "rec.jfr", SPAN, clock::get);
        for (int i = 0; i < 100_000; i++) {
            progress.event(START.plusMillis(i));
        }
        progress.done();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void slowReadsShowThePercentageByEventTimeAndClearTheLine() {
        StringWriter err = new StringWriter();
        AtomicLong clock = new AtomicLong();
        Progress progress = Progress.onTerminal(new PrintWriter(err), "rec.jfr", SPAN, clock::get);
        clock.set(Progress.QUIET_NANOS + 1);
        for (int i = 0; i < 4096; i++) {
            progress.event(START.plusSeconds(42));
        }
        assertThat(err.toString())
                .isEqualTo("\rmapwatch report: reading rec.jfr:  42% (4,096 events)");
        for (int i = 0; i < 4096; i++) {
            progress.event(START.plusSeconds(43)); // too soon after the last line: not printed
        }
        progress.done();
        assertThat(err.toString()).endsWith("(4,096 events)\r\033[K");
    }
}
