package dev.mapwatch.report.render;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/**
 * JSON documents as mapwatch prints them for people and programs (the report, {@code mapwatch
 * bench}), written with Jackson's streaming generator: two-space indents, {@code "name": value},
 * empty containers as {@code []} and {@code {}}. Whole doubles print as integers, non-finite ones
 * as {@code null}. Strings escape {@code <}, {@code >}, {@code &}, U+2028 and U+2029, so a
 * document can sit inside an HTML {@code <script>} element unchanged.
 */
public final class PrettyJson {

    /** Writes one document with the generator it is given. */
    @FunctionalInterface
    public interface Document {
        void write(JsonGenerator json) throws IOException;
    }

    private static final JsonFactory FACTORY =
            new JsonFactoryBuilder()
                    .disable(StreamWriteFeature.AUTO_CLOSE_TARGET) // the caller owns the writer
                    .characterEscapes(new ScriptSafeEscapes())
                    .build();

    private static final DefaultIndenter INDENT = new DefaultIndenter("  ", "\n");
    private static final DefaultPrettyPrinter PRINTER =
            new DefaultPrettyPrinter(
                            Separators.createDefaultInstance()
                                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                                    .withObjectEmptySeparator("")
                                    .withArrayEmptySeparator(""))
                    .withObjectIndenter(INDENT)
                    .withArrayIndenter(INDENT);

    private PrettyJson() {}

    /** Writes the document and a line end, and flushes. */
    public static void print(PrintWriter out, Document document) {
        write(out, document);
        out.println();
        out.flush();
    }

    /** Writes the document without a line end (to embed it). */
    static void write(Writer out, Document document) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(PRINTER.createInstance());
            document.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A double: whole values below 10^15 as integers, non-finite values as {@code null}. */
    public static void number(JsonGenerator json, double value) throws IOException {
        if (!Double.isFinite(value)) {
            json.writeNull();
        } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            json.writeNumber((long) value);
        } else {
            json.writeNumber(value);
        }
    }

    /** A number that may be absent ({@code null}). */
    public static void number(JsonGenerator json, Long value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value.longValue());
        }
    }

    /** The field {@code name} with a double, as {@link #number(JsonGenerator, double)} writes it. */
    public static void numberField(JsonGenerator json, String name, double value)
            throws IOException {
        json.writeFieldName(name);
        number(json, value);
    }

    /** The field {@code name} with a number that may be absent. */
    public static void numberField(JsonGenerator json, String name, Long value) throws IOException {
        json.writeFieldName(name);
        number(json, value);
    }

    /** The standard JSON escapes plus those that keep a document from ending a {@code <script>} element. */
    private static final class ScriptSafeEscapes extends CharacterEscapes {
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        ScriptSafeEscapes() {
            for (char c : new char[] {'<', '>', '&'}) {
                ascii[c] = CharacterEscapes.ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case '<', '>', '&', '\u2028', '\u2029' ->
                        new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
                default -> null;
            };
        }
    }
}
