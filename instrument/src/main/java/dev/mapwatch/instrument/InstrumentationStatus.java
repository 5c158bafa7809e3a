package dev.mapwatch.instrument;

import dev.mapwatch.maps.Counting;
import java.time.Duration;

/**
 * What the transformer has done so far, for {@code /health}.
 *
 * @param packages       the observed package prefixes ({@code maps=}), {@code :}-separated
 * @param counting       how their maps' operations are counted ({@code mapsCounting=}): as asked,
 *                       or {@link Counting#EXACT} when sampling was asked for but its thread could
 *                       not start
 * @param state          {@code active} (classes are rewritten as they load), {@code retransforming}
 *                       (after an attach, the classes loaded before are being rewritten), or {@code
 *                       stopped}
 * @param classesSeen    classes of those packages offered to the transformer (loaded or retransformed)
 * @param transformed    classes rewritten (they have at least one counted call site)
 * @param failed         classes that could not be rewritten and were left exactly as they were
 * @param transformTime  total time spent examining and rewriting classes
 * @param callSites      distinct map names registered by call sites (a class that then failed to be
 *                       rewritten has registered its names too: they count nothing)
 * @param cachesHooked       Caffeine and Guava cache builds hooked, whose caches are counted
 * @param cachesUnsupported  cache builds left alone: their library version could not be hooked
 *                           (the agent's log says why, once per reason)
 */
public record InstrumentationStatus(
        String packages,
        Counting counting,
        String state,
        long classesSeen,
        long transformed,
        long failed,
        Duration transformTime,
        int callSites,
        long cachesHooked,
        long cachesUnsupported) {}
