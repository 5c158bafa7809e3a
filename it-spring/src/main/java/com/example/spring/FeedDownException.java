package com.example.spring;

/** What a loader throws when its (pretend) remote feed is down: the failed loads of {@link Traffic}. */
public final class FeedDownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FeedDownException(String key) {
        super("feed down for " + key);
    }
}
