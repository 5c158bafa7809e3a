package dev.mapwatch.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The packages whose code is observed, from the agent option {@code maps=com.acme:org.example.cache}:
 * a prefix covers its package and every subpackage ({@code com.acme} covers {@code com.acme.Foo}
 * and {@code com.acme.cache.Bar}, not {@code com.acmex.Foo}). The JDK and mapwatch itself are
 * never covered, whatever the prefixes say; the one exception is the demo's own plain map ({@link
 * #demo}). The prefixes are in priority order ({@link #priorityOf}): when the map series budget is
 * tight, maps of an earlier package win over equally busy maps of a later one.
 *
 * @param packages the prefixes, as given (dotted)
 * @param ownDemo  whether this is {@link #demo()}
 */
public record MapsSelection(List<String> packages, boolean ownDemo) {

    /** The package of the demo's plain map, the only mapwatch code ever observed (by {@link #demo()}). */
    public static final String DEMO_PACKAGE = "dev.mapwatch.cli.demo.plain";

    /** Never observed: the JDK's own packages and mapwatch (including the agent's relocated libraries). */
    static final List<String> NEVER =
            List.of("java/", "javax/", "jdk/", "sun/", "com/sun/", "dev/mapwatch/");

    private static final Pattern PACKAGE =
            Pattern.compile(
                    "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                            + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    public MapsSelection {
        packages = List.copyOf(packages);
    }

    /** The prefixes of {@code maps=}. */
    public MapsSelection(List<String> packages) {
        this(packages, false);
    }

    /** Nothing observed: the default. */
    public static MapsSelection none() {
        return new MapsSelection(List.of());
    }

    /** {@code mapwatch demo}'s own plain map ({@value #DEMO_PACKAGE}), counted as {@code maps=} would. */
    public static MapsSelection demo() {
        return new MapsSelection(List.of(DEMO_PACKAGE), true);
    }

    /**
     * Parses {@code com.acme:org.example.cache}.
     *
     * @throws IllegalArgumentException with one line naming what is wrong and what is allowed
     */
    public static MapsSelection parse(String value) {
        List<String> packages = new ArrayList<>();
        for (String item : value.split(":", -1)) {
            String prefix = item.trim();
            if (!PACKAGE.matcher(prefix).matches()) {
                throw new IllegalArgumentException(
                        "'"
                                + prefix
                                + "' in maps="
                                + value
                                + " is not a package name"
                                + " (write package prefixes separated by ':', for example maps=com.acme:org.example.cache)");
            }
            String path = prefix.replace('.', '/') + "/";
            for (String never : NEVER) {
                if (path.startsWith(never)) {
                    throw new IllegalArgumentException(
                            "maps="
                                    + prefix
                                    + " names the JDK or mapwatch itself, which are"
                                    + " never observed; name your application's packages, for example maps=com.acme");
                }
            }
            if (!packages.contains(prefix)) {
                packages.add(prefix);
            }
        }
        return new MapsSelection(packages);
    }

    /** Whether anything is observed. */
    public boolean isEmpty() {
        return packages.isEmpty();
    }

    /** Whether the class of internal name {@code className} ({@code com/acme/Foo}) is observed. */
    public boolean covers(String className) {
        if (ownDemo) {
            return className.startsWith(DEMO_PACKAGE.replace('.', '/') + "/");
        }
        for (String never : NEVER) {
            if (className.startsWith(never)) {
                return false;
            }
        }
        for (String prefix : packages) {
            if (className.length() > prefix.length()
                    && className.startsWith(prefix.replace('.', '/'))
                    && className.charAt(prefix.length()) == '/') {
                return true;
            }
        }
        return false;
    }

    /**
     * The rank of the map or class named {@code name} (dotted, as {@code com.acme.Store.cache} or
     * {@code com.acme.Api.handle:42}): the index of the first prefix, in the order given, whose
     * package it is in; {@code packages().size()} if none is (0 for {@link #demo()}'s map).
     */
    public int priorityOf(String name) {
        if (ownDemo) {
            return 0;
        }
        for (int i = 0; i < packages.size(); i++) {
            String prefix = packages.get(i);
            if (name.length() > prefix.length()
                    && name.startsWith(prefix)
                    && name.charAt(prefix.length()) == '.') {
                return i;
            }
        }
        return packages.size();
    }

    /** The option's value again: {@code com.acme:org.example.cache}. */
    @Override
    public String toString() {
        return String.join(":", packages);
    }
}
