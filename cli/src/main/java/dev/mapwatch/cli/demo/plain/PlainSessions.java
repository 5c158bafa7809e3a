package dev.mapwatch.cli.demo.plain;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo's plain map: a {@code ConcurrentHashMap} in a field, as any application has, not a
 * mapwatch map. The demo counts it the way {@code maps=} counts an application's maps (its calls
 * rewritten as the class loads), so it shows on {@code /metrics} as {@code
 * map="dev.mapwatch.cli.demo.plain.PlainSessions.SESSIONS", strategy="ConcurrentHashMap"}.
 */
public final class PlainSessions {

    private static final Map<String, Long> SESSIONS = new ConcurrentHashMap<>();

    private PlainSessions() {}

    /** One request: a lookup (a third miss), and a login or logout now and then. */
    public static Object touch(int keys) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String user = "u" + random.nextInt(keys * 3 / 2);
        Long seen = SESSIONS.get(user);
        if (seen == null && random.nextInt(4) == 0) {
            SESSIONS.put("u" + random.nextInt(keys), System.nanoTime());
        } else if (random.nextInt(16) == 0) {
            SESSIONS.remove(user);
        }
        return seen;
    }
}
