package org.springframework.cache;

/** The two methods of Spring's {@code Cache} that {@code SpringCaches} reads, for its tests. */
public interface Cache {
    String getName();

    Object getNativeCache();
}
