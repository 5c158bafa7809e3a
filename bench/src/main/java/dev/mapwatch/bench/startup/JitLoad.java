package dev.mapwatch.bench.startup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A steady busy loop with many JIT-compiled methods (maps, streams, regular expressions,
 * formatting) for {@code bench/attach-deopt.py}: prints {@code units <n>} once a second, so a
 * dip in throughput after JFR starts shows, and {@code jcmd Compiler.codelist} has a few hundred
 * compiled methods to lose.
 */
public final class JitLoad {

    static volatile Object sink;

    private JitLoad() {}

    public static void main(String[] args) {
        Pattern pattern = Pattern.compile("([a-z]+)-(\\d+)");
        Random random = new Random(1);
        long last = System.nanoTime();
        long units = 0;
        while (true) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < 200; i++) {
                counts.merge("k" + random.nextInt(50), i, Integer::sum);
            }
            List<String> keys =
                    counts.keySet().stream()
                            .sorted()
                            .map(s -> s + "-" + s.length())
                            .collect(Collectors.toList());
            StringBuilder letters = new StringBuilder();
            for (String key : keys) {
                Matcher matcher = pattern.matcher(key);
                if (matcher.find()) {
                    letters.append(matcher.group(1));
                }
            }
            sink =
                    String.format("%s %d", letters, keys.size())
                            + new TreeMap<>(counts).firstKey()
                            + Arrays.toString(new int[] {1, 2});
            units++;
            long now = System.nanoTime();
            if (now - last >= 1_000_000_000L) {
                System.out.println("units " + units);
                units = 0;
                last = now;
            }
        }
    }
}
