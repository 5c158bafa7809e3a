package dev.mapwatch.top;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.exec.ExecTerminalProvider;
import org.jline.terminal.spi.SystemStream;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Curses;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

/**
 * The full-screen terminal of the interactive view, through JLine: raw mode, the alternate screen,
 * keypad mode (so arrows arrive as terminfo's {@code key_*} sequences), a hidden cursor, and
 * {@link Display}'s minimal redraws. {@link #close} restores all of it, also from a shutdown hook
 * (Ctrl-C with signals, {@code kill}). JLine's exec provider is built directly ({@code stty}, no
 * native library): its provider lookup file is not shipped in the relocated jar.
 */
final class Screen implements AutoCloseable {

    private static final int ESC = 27;
    private static final long SEQUENCE_MILLIS = 50;

    private final Terminal terminal;
    private final Attributes original;
    private final Display display;
    private final boolean color;
    private final Map<String, Key.Type> sequences = new LinkedHashMap<>();
    private final AtomicBoolean resized = new AtomicBoolean();
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread restoreOnExit = new Thread(this::close, "mapwatch-top-restore");
    private Size size;

    private Screen(Terminal terminal, boolean color) {
        this.terminal = terminal;
        this.color = color;
        this.original = terminal.enterRawMode();
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.keypad_xmit);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        terminal.handle(Terminal.Signal.WINCH, signal -> resized.set(true));
        terminal.handle(Terminal.Signal.INT, signal -> interrupted.set(true));
        sequence(Capability.key_up, Key.Type.UP);
        sequence(Capability.key_down, Key.Type.DOWN);
        sequence(Capability.key_left, Key.Type.LEFT);
        sequence(Capability.key_right, Key.Type.RIGHT);
        this.display = new Display(terminal, true);
        this.size = terminal.getSize();
        display.resize(size.getRows(), size.getColumns());
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
    }

    /** The terminal on standard input and output, or empty when either is not a terminal. */
    static Optional<Screen> open(boolean color) throws IOException {
        ExecTerminalProvider provider = new ExecTerminalProvider();
        if (!provider.isSystemStream(SystemStream.Input)
                || !provider.isSystemStream(SystemStream.Output)) {
            return Optional.empty();
        }
        String type = System.getenv("TERM");
        Charset utf8 = StandardCharsets.UTF_8;
        Terminal terminal =
                provider.sysTerminal(
                        "mapwatch-top",
                        type == null || type.isBlank() ? "ansi" : type,
                        false,
                        utf8,
                        utf8,
                        utf8,
                        true,
                        Terminal.SignalHandler.SIG_DFL,
                        false,
                        SystemStream.Output);
        return Optional.of(new Screen(terminal, color));
    }

    private void sequence(Capability capability, Key.Type type) {
        String value = terminal.getStringCapability(capability);
        if (value != null) {
            sequences.put(Curses.tputs(value), type);
        }
    }

    /** The size now; when the terminal was resized since the last call, the display follows. */
    Size size() {
        if (resized.getAndSet(false)) {
            size = terminal.getSize();
            display.clear();
            display.resize(size.getRows(), size.getColumns());
        }
        return size;
    }

    /** Whether the terminal was resized and {@link #size()} has not been asked since. */
    boolean resized() {
        return resized.get();
    }

    /** Shows {@code lines}, redrawing only what changed. */
    void draw(List<Line> lines) {
        List<AttributedString> screen = new ArrayList<>(lines.size());
        for (Line line : lines) {
            List<AttributedString> spans = new ArrayList<>();
            for (Line.Span span : line.spans()) {
                spans.add(new AttributedString(span.text(), style(span.style())));
            }
            screen.add(AttributedString.join(AttributedString.EMPTY, spans));
        }
        display.update(screen, 0);
        terminal.flush();
    }

    /** The next key within {@code timeoutMillis}, or null; Ctrl-C is {@link Key.Type#INTERRUPT}. */
    Key read(long timeoutMillis) throws IOException {
        if (interrupted.getAndSet(false)) {
            return Key.of(Key.Type.INTERRUPT);
        }
        NonBlockingReader reader = terminal.reader();
        int c = reader.read(Math.max(1, timeoutMillis));
        if (interrupted.getAndSet(false)) {
            return Key.of(Key.Type.INTERRUPT);
        }
        if (c == NonBlockingReader.READ_EXPIRED) {
            return null;
        }
        if (c < 0) {
            return Key.of(Key.Type.INTERRUPT); // the terminal went away
        }
        if (c == ESC) {
            StringBuilder sequence = new StringBuilder().append((char) c);
            while (true) {
                Key.Type matched = sequences.get(sequence.toString());
                if (matched != null) {
                    return Key.of(matched);
                }
                String sofar = sequence.toString();
                if (sequences.keySet().stream().noneMatch(s -> s.startsWith(sofar))) {
                    return Key.of(Key.Type.ESCAPE); // Esc alone, or a key the view does not use
                }
                int next = reader.read(SEQUENCE_MILLIS);
                if (next < 0) {
                    return Key.of(Key.Type.ESCAPE);
                }
                sequence.append((char) next);
            }
        }
        return switch (c) {
            case 3 -> Key.of(Key.Type.INTERRUPT);
            case '\r', '\n' -> Key.of(Key.Type.ENTER);
            case 8, 127 -> Key.of(Key.Type.BACKSPACE);
            default -> Key.of((char) c);
        };
    }

    private AttributedStyle style(Line.Style style) {
        return switch (style) {
            case PLAIN -> AttributedStyle.DEFAULT;
            case TITLE -> AttributedStyle.BOLD;
            case HEADING -> AttributedStyle.INVERSE;
            case SORTED -> AttributedStyle.INVERSE.bold().underline();
            case WARN ->
                    color
                            ? AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold()
                            : AttributedStyle.BOLD;
            case DIM -> color ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
        };
    }

    /** Restores the terminal as it was: cursor, keypad, main screen, line discipline. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            terminal.puts(
                    Capability.cursor_normal); // not cursor_visible (cvvis): "very visible", which
            // does not undo civis
            terminal.puts(Capability.keypad_local);
            terminal.puts(Capability.exit_ca_mode);
            terminal.flush();
            terminal.setAttributes(original);
            terminal.close();
        } catch (IOException | RuntimeException ignored) {
            // the terminal is gone: nothing left to restore
        }
        if (Thread.currentThread() != restoreOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException exiting) {
                // the hook runs or has run
            }
        }
    }
}
