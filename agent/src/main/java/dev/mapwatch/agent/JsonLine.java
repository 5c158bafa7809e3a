package dev.mapwatch.agent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * A JSON document on one line ({@code /health}, {@code attach} and {@code demo --format json}),
 * written with Jackson's streaming generator (relocated in the agent jar).
 */
public final class JsonLine {

    /** Writes the document with the generator it is given. */
    @FunctionalInterface
    public interface Document {
        void write(JsonGenerator json) throws IOException;
    }

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonLine() {}

    /** The document as text, without a line end. */
    public static String of(Document document) {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            document.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    e); // a StringWriter does not fail; a document's own bug might
        }
        return text.toString();
    }
}
