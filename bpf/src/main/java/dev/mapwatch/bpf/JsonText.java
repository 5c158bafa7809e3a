package dev.mapwatch.bpf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/** The JSON documents the commands print ({@code --format json}): one line each, written with Jackson. */
final class JsonText {

    /** Writes one document with the generator it is given. */
    @FunctionalInterface
    interface Document {
        void write(JsonGenerator json) throws IOException;
    }

    private static final JsonFactory FACTORY =
            new JsonFactoryBuilder()
                    .disable(
                            StreamWriteFeature
                                    .AUTO_CLOSE_TARGET) // the command line owns its output
                    .build();

    private JsonText() {}

    /** Prints the document and a line end. */
    static void println(PrintWriter out, Document document) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            document.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a PrintWriter does not throw
        }
        out.println();
    }
}
