package dev.mapwatch.exporter.jfr;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import jdk.jfr.consumer.RecordedThread;
import org.jspecify.annotations.Nullable;

/** What a {@link RecordedThread} tells on every JDK, with {@code isVirtual()} looked up once (JDK 21+). */
final class RecordedThreads {

    private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualHandle();

    private RecordedThreads() {}

    /** Whether the thread is virtual; always false on a JDK without virtual threads. */
    static boolean isVirtual(@Nullable RecordedThread thread) {
        if (IS_VIRTUAL == null || thread == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable e) {
            throw new IllegalStateException("RecordedThread.isVirtual() failed", e);
        }
    }

    private static @Nullable MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup()
                    .findVirtual(
                            RecordedThread.class,
                            "isVirtual",
                            MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null; // JDK 17-20: no virtual threads to tell apart
        }
    }
}
