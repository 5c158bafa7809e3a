package dev.mapwatch.report;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Progress through a recording, by event time over the recording's time range. The terminal
 * variant rewrites one status line on stderr, only once reading has taken longer than
 * {@link #QUIET_NANOS} (small files finish silently) and at most every {@link #EVERY_NANOS}.
 */
interface Progress {
    long QUIET_NANOS = 500_000_000L;
    long EVERY_NANOS = 200_000_000L;

    /** One more event, stamped {@code eventTime}. */
    void event(Instant eventTime);

    /** Reading is over (also on failure): leaves the terminal line clean. */
    void done();

    static Progress none() {
        return new Progress() {
            @Override
            public void event(Instant eventTime) {}

            @Override
            public void done() {}
        };
    }

    static Progress onTerminal(
            PrintWriter err, String file, RecordingSpan span, LongSupplier nanoTime) {
        return new TerminalProgress(err, file, span, nanoTime);
    }

    /** The status line on a terminal. */
    final class TerminalProgress implements Progress {
        private final PrintWriter err;
        private final String file;
        private final long startNanos;
        private final long spanNanos;
        private final LongSupplier nanoTime;
        private final long began;
        private long lastPrint;
        private long events;
        private boolean printed;

        TerminalProgress(PrintWriter err, String file, RecordingSpan span, LongSupplier nanoTime) {
            this.err = err;
            this.file = file;
            this.startNanos = Events.epochNanos(span.start());
            this.spanNanos = Math.max(1, span.duration().toNanos());
            this.nanoTime = nanoTime;
            this.began = nanoTime.getAsLong();
        }

        @Override
        public void event(Instant eventTime) {
            events++;
            if ((events & 0xfff) != 0) {
                return; // the clock is read once per 4096 events
            }
            long now = nanoTime.getAsLong();
            if (now - began < QUIET_NANOS || printed && now - lastPrint < EVERY_NANOS) {
                return;
            }
            long percent =
                    Math.max(
                            0,
                            Math.min(
                                    100,
                                    (Events.epochNanos(eventTime) - startNanos) * 100 / spanNanos));
            err.printf(
                    "\rmapwatch report: reading %s: %3d%% (%s events)",
                    file, percent, Figures.count(events));
            err.flush();
            printed = true;
            lastPrint = now;
        }

        @Override
        public void done() {
            if (printed) {
                err.print("\r\033[K"); // carriage return, erase to end of line
                err.flush();
            }
        }
    }
}
