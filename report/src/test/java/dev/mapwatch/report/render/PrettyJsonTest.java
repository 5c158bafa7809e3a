package dev.mapwatch.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.report.StrictJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PrettyJsonTest {

    private static String print(PrettyJson.Document document) {
        StringWriter text = new StringWriter();
        PrettyJson.print(new PrintWriter(text), document);
        return text.toString();
    }

    @Test
    void indentsByTwoSpacesAndWritesEmptyContainersTight() {
        String text =
                print(
                        json -> {
                            json.writeStartObject();
                            json.writeStringField("a", "b");
                            json.writeArrayFieldStart("series");
                            json.writeStartArray();
                            json.writeNumber(1);
                            json.writeNumber(2);
                            json.writeEndArray();
                            json.writeEndArray();
                            json.writeArrayFieldStart("none");
                            json.writeEndArray();
                            json.writeObjectFieldStart("empty");
                            json.writeEndObject();
                            json.writeEndObject();
                        });
        assertThat(text)
                .isEqualTo(
                        "{\n  \"a\": \"b\",\n  \"series\": [\n    [\n      1,\n      2\n    ]\n  ],\n"
                                + "  \"none\": [],\n  \"empty\": {}\n}"
                                + System.lineSeparator());
    }

    @Test
    void wholeDoublesAreIntegersAndNonFiniteOnesNull() {
        String text =
                print(
                        json -> {
                            json.writeStartArray();
                            for (double d :
                                    new double[] {
                                        1.0, 0.25, -3.0, 1e15, Double.NaN, Double.POSITIVE_INFINITY
                                    }) {
                                PrettyJson.number(json, d);
                            }
                            PrettyJson.number(json, (Long) null);
                            PrettyJson.number(json, 7L);
                            json.writeEndArray();
                        });
        assertThat(text.replaceAll("\\s", "")).isEqualTo("[1,0.25,-3,1.0E15,null,null,null,7]");
    }

    @Test
    void stringsCannotEndAScriptElementAndReadBackUnchanged() {
        String nasty = "</script><b>&amp;\u2028\u2029\"\\\n\u0001";
        String text =
                print(
                        json -> {
                            json.writeStartObject();
                            json.writeStringField("s", nasty);
                            json.writeEndObject();
                        });
        assertThat(text)
                .doesNotContain("<", ">", "&", "\u2028", "\u2029")
                .contains("\\u003c/script\\u003e", "\\u0026amp;", "\\u2028\\u2029", "\\\"\\\\\\n");
        assertThat(StrictJson.parse(text).get("s").textValue()).isEqualTo(nasty);
    }
}
