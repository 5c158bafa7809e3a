package dev.mapwatch.exporter.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MapwatchLogTest {

    private record Record(System.Logger.Level level, String message, Throwable thrown) {}

    /** A {@link System.Logger} that keeps what it is given. */
    private static final class Recording implements System.Logger {
        final List<Record> records = new CopyOnWriteArrayList<>();

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            records.add(new Record(level, msg, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            records.add(new Record(level, format, null));
        }

        @Override
        public void log(Level level, Supplier<String> msgSupplier) {
            records.add(new Record(level, msgSupplier.get(), null));
        }
    }

    @Test
    void theSystemLoggerSinkPrefixesAndKeepsLevelAndCause() {
        Recording logger = new Recording();
        MapwatchLog log = MapwatchLog.systemLogger(logger);
        IllegalStateException boom = new IllegalStateException("boom");

        log.debug("no {0} formatting");
        log.warning("handler x failed", boom);
        log.log(MapwatchLog.Level.INFO, "fyi", null);

        assertThat(logger.records)
                .containsExactly(
                        new Record(System.Logger.Level.DEBUG, "mapwatch: no {0} formatting", null),
                        new Record(System.Logger.Level.WARNING, "mapwatch: handler x failed", boom),
                        new Record(System.Logger.Level.INFO, "mapwatch: fyi", null));
    }

    @Test
    void describesAnExceptionInOneLineWithItsRootCause() {
        assertThat(MapwatchLog.describe(new IllegalArgumentException("bad map")))
                .isEqualTo("IllegalArgumentException: bad map");
        assertThat(MapwatchLog.describe(new NullPointerException()))
                .isEqualTo("NullPointerException");
        assertThat(
                        MapwatchLog.describe(
                                new UncheckedIOException("read", new IOException("disk gone"))))
                .isEqualTo("UncheckedIOException: read (caused by IOException: disk gone)");
    }
}
