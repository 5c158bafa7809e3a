package dev.mapwatch.bpf;

import dev.mapwatch.bpf.output.BpftraceEvent;
import dev.mapwatch.bpf.output.BpftraceOutputParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** bpftrace -f json output captured on the development machine (test resources ndjson/). */
public final class Captured {

    private Captured() {}

    public static List<String> lines(String file) {
        try (InputStream in =
                Captured.class.getResourceAsStream("/dev/mapwatch/bpf/ndjson/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no captured file " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<BpftraceEvent> events(String file) {
        return lines(file).stream()
                .map(BpftraceOutputParser::parse)
                .flatMap(Optional::stream)
                .toList();
    }
}
