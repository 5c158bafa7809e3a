package dev.mapwatch.report.render;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A minimal streaming JSON writer (the report and {@code mapwatch bench} depend on the JDK and picocli only). Output is
 * pretty-printed with two-space indents. {@code <}, {@code >} and {@code &} are escaped so the
 * text can be embedded in an HTML {@code <script>} element; non-finite numbers become
 * {@code null}.
 */
public final class JsonWriter {
    private final PrintWriter out;
    /** Per open container: whether it already has a member (to place commas). */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    public JsonWriter(PrintWriter out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        return begin('{');
    }

    public JsonWriter endObject() {
        return end('}');
    }

    public JsonWriter beginArray() {
        return begin('[');
    }

    public JsonWriter endArray() {
        return end(']');
    }

    public JsonWriter name(String name) {
        separate();
        string(name);
        out.print(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String value) {
        separate();
        if (value == null) {
            out.print("null");
        } else {
            string(value);
        }
        return this;
    }

    public JsonWriter value(long value) {
        separate();
        out.print(value);
        return this;
    }

    public JsonWriter value(Long value) {
        return value == null ? nullValue() : value(value.longValue());
    }

    public JsonWriter value(double value) {
        separate();
        if (Double.isFinite(value)) {
            out.print(value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value));
        } else {
            out.print("null");
        }
        return this;
    }

    public JsonWriter value(boolean value) {
        separate();
        out.print(value);
        return this;
    }

    public JsonWriter nullValue() {
        separate();
        out.print("null");
        return this;
    }

    /** Writes one line of text after the document. */
    public void finish() {
        out.println();
        out.flush();
    }

    private JsonWriter begin(char bracket) {
        separate();
        out.print(bracket);
        open.push(new boolean[] {false});
        return this;
    }

    private JsonWriter end(char bracket) {
        boolean[] hadMembers = open.pop();
        if (hadMembers[0]) {
            newline();
        }
        out.print(bracket);
        return this;
    }

    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] container = open.peek();
        if (container != null) {
            if (container[0]) {
                out.print(',');
            }
            container[0] = true;
            newline();
        }
    }

    private void newline() {
        out.print('\n');
        out.print("  ".repeat(open.size()));
    }

    private void string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        out.print(b.append('"'));
    }
}
