package dev.mapwatch.top;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.mapwatch.top.Frame.ClassRate;
import dev.mapwatch.top.Frame.LockRow;
import dev.mapwatch.top.Frame.MapRow;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** A {@link Frame} as one JSON object, the same fields as the records; unknown figures ({@code NaN}) as {@code null}. */
public final class FrameJson {

    private static final JsonFactory JSON = new JsonFactory();

    private FrameJson() {}

    /** The frame, its maps in {@code maps} order. */
    public static String of(Frame frame, List<MapRow> maps) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            Frame.Header h = frame.header();
            json.writeStartObject();
            json.writeObjectFieldStart("header");
            json.writeStringField("target", h.target());
            if (h.pid() > 0) {
                json.writeNumberField("pid", h.pid());
            } else {
                json.writeNullField("pid");
            }
            json.writeStringField("jdk", h.jdk());
            number(json, "jvmUptimeSeconds", h.jvmUptimeSeconds());
            json.writeStringField("agentVersion", h.agentVersion());
            number(json, "agentUptimeSeconds", h.agentUptimeSeconds());
            json.writeStringField("status", h.status());
            json.writeStringField("jfr", h.jfr());
            json.writeStringField("counting", h.counting());
            json.writeNumberField("agentErrors", h.agentErrors());
            number(json, "intervalSeconds", h.intervalSeconds());
            number(json, "viewSeconds", h.viewSeconds());
            json.writeEndObject();
            json.writeArrayFieldStart("maps");
            for (MapRow row : maps) {
                json.writeStartObject();
                json.writeStringField("map", row.name());
                json.writeStringField("strategy", row.strategy());
                json.writeStringField("counting", row.counting());
                number(json, "opsPerSecond", row.opsPerSecond());
                number(json, "hitRatio", row.hitRatio());
                number(json, "size", row.size());
                number(json, "waitsPerSecond", row.waitsPerSecond());
                number(json, "waitSecondsPerSecond", row.waitSecondsPerSecond());
                number(json, "computeMaxSeconds", row.computeMaxSeconds());
                number(json, "computesPerSecond", row.computesPerSecond());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("locks");
            for (LockRow row : frame.locks()) {
                json.writeStartObject();
                json.writeStringField("name", row.name());
                json.writeStringField("kind", row.kind());
                json.writeBooleanField("byMap", row.byMap());
                number(json, "waitsPerSecond", row.waitsPerSecond());
                number(json, "secondsPerSecond", row.secondsPerSecond());
                number(json, "maxSeconds", row.maxSeconds());
                json.writeEndObject();
            }
            json.writeEndArray();
            Frame.Threads t = frame.threads();
            json.writeObjectFieldStart("threads");
            number(json, "livePlatform", t.livePlatform());
            number(json, "liveVirtual", t.liveVirtual());
            number(json, "platformStartedPerSecond", t.platformStarted());
            number(json, "platformEndedPerSecond", t.platformEnded());
            number(json, "virtualStartedPerSecond", t.virtualStarted());
            number(json, "virtualEndedPerSecond", t.virtualEnded());
            number(json, "shortLivedShare", t.shortLivedShare());
            number(json, "pinnedSecondsPerSecond", t.pinnedSecondsPerSecond());
            json.writeEndObject();
            json.writeObjectFieldStart("allocation");
            number(json, "bytesPerSecond", frame.allocation().bytesPerSecond());
            json.writeArrayFieldStart("top");
            for (ClassRate rate : frame.allocation().top()) {
                json.writeStartObject();
                json.writeStringField("class", rate.className());
                number(json, "bytesPerSecond", rate.bytesPerSecond());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void number(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(name, value);
        } else {
            json.writeNullField(name);
        }
    }
}
