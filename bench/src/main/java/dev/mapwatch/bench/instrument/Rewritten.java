package dev.mapwatch.bench.instrument;

import dev.mapwatch.instrument.MapsInstrumentation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads a class of this module again, rewritten as {@code maps=} rewrites it, in a loader of its own. */
final class Rewritten extends ClassLoader {

    private final String name;

    private Rewritten(Class<?> type) {
        super(type.getClassLoader());
        this.name = type.getName();
    }

    /** {@code type} rewritten (it must have a counted call site) and defined anew. */
    static Class<?> of(Class<?> type) {
        return new Rewritten(type).define();
    }

    private Class<?> define() {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            byte[] rewritten = MapsInstrumentation.rewrite(in.readAllBytes());
            if (rewritten == null) {
                throw new IllegalStateException(name + " has no counted call site");
            }
            return defineClass(name, rewritten, 0, rewritten.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
