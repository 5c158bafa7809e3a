package dev.mapwatch.bootstrap;

import java.security.CodeSource;
import java.util.Map;
import java.util.Objects;

/**
 * The agent's hooks into the cache libraries, one per builder class: defined on first use from the
 * class files the agent {@linkplain #install installed}, in a class loader of their own whose parent
 * is the builder's (the application's copy of the library), so they link against whatever version
 * the application has, and are checked against it before use ({@link #verified}).
 */
final class CacheLibraries {

    /** The builder classes, by binary name, and the agent's hook class for each. */
    static final Map<String, String> HOOKS =
            Map.of(
                    "com.github.benmanes.caffeine.cache.Caffeine",
                    "dev.mapwatch.caches.CaffeineLibrary",
                    "com.google.common.cache.CacheBuilder",
                    "dev.mapwatch.caches.GuavaLibrary");

    private static volatile Map<String, byte[]> classFiles = Map.of();

    /** Per builder class: its hook, or why it has none. */
    private static final ClassValue<Object> BY_BUILDER =
            new ClassValue<>() {
                @Override
                protected Object computeValue(Class<?> builder) {
                    try {
                        return load(builder);
                    } catch (Throwable e) {
                        return new Unsupported(builder, e);
                    }
                }
            };

    /** Why a builder class has no hook: the one line the agent logs. */
    record Unsupported(String reason) {
        Unsupported(Class<?> builder, Throwable thrown) {
            this(builder, cause(thrown), 0);
        }

        private Unsupported(Class<?> builder, Throwable cause, int unused) {
            this(
                    builder.getName()
                            + " from "
                            + origin(builder)
                            + ": "
                            + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        }
    }

    private CacheLibraries() {}

    /** What a hook's constructor threw, rather than the reflection's wrapper around it. */
    private static Throwable cause(Throwable thrown) {
        return thrown instanceof java.lang.reflect.InvocationTargetException
                        && thrown.getCause() != null
                ? thrown.getCause()
                : thrown;
    }

    /** The hooks' class files, by binary name (the agent's, once, before any call site runs). */
    static void install(Map<String, byte[]> classes) {
        classFiles = Map.copyOf(classes);
    }

    /** The hook of {@code builder}'s class, or the {@link Unsupported} reason it has none. */
    static Object of(Object builder) {
        return BY_BUILDER.get(builder.getClass());
    }

    private static CacheLibrary load(Class<?> builder) throws ReflectiveOperationException {
        String hook = HOOKS.get(builder.getName());
        if (hook == null) {
            throw new ClassNotFoundException("no hook for this builder class");
        }
        ClassLoader parent = builder.getClassLoader();
        Class<?> type = Class.forName(hook, true, new HookLoader(parent, classFiles));
        return (CacheLibrary) type.getConstructor(Class.class).newInstance(builder);
    }

    /** Where a class was loaded from, for the log line: its jar, which names the version. */
    static String origin(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null
                    ? "an unknown location"
                    : source.getLocation().toString();
        } catch (RuntimeException e) {
            return "an unknown location";
        }
    }

    /** Defines the hook classes, delegating everything else to the library's loader first. */
    private static final class HookLoader extends ClassLoader {

        static {
            registerAsParallelCapable();
        }

        private final Map<String, byte[]> classes;

        HookLoader(ClassLoader parent, Map<String, byte[]> classes) {
            super("mapwatch-cache-hooks", parent);
            this.classes = Objects.requireNonNull(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = classes.get(name);
            if (bytes == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
