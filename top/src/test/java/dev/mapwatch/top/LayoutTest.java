package dev.mapwatch.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayoutTest {

    private final Frame frame = Fixtures.frame();

    @Test
    void theScreenIsExactlyItsSizeAtEverySizeFrom80x24() {
        for (int[] size : new int[][] {{80, 24}, {100, 30}, {132, 50}, {200, 60}}) {
            List<Line> lines = Layout.screen(frame, new ViewState(), size[0], size[1]);
            assertThat(lines).hasSize(size[1]);
            assertThat(lines)
                    .allSatisfy(
                            line -> assertThat(line.text().length()).isLessThanOrEqualTo(size[0]));
            String text = TopCommand.text(lines);
            assertThat(text).contains("MAPS 2", "LOCKS", "THREADS", "ALLOC", "q quit");
            assertThat(text).contains("map com.acme.Cache.entries");
        }
    }

    @Test
    void at80ColumnsTheRowsLineUpAndLongNamesAreShortened() {
        List<String> lines =
                Layout.screen(frame, new ViewState(), 80, 24).stream().map(Line::text).toList();
        String heading = lines.stream().filter(l -> l.startsWith("map ")).findFirst().orElseThrow();
        assertThat(heading).hasSize(80).endsWith("slow fn");
        String cache =
                lines.stream()
                        .filter(l -> l.startsWith("com.acme.Cache.entries"))
                        .findFirst()
                        .orElseThrow();
        assertThat(cache).hasSize(80);
        // ops/s ends where its heading ends
        assertThat(cache.substring(0, heading.indexOf("ops/s") + 5)).endsWith("2.5k");
        assertThat(cache).contains(" 75.0 ").endsWith("300ms");
        String hot = lines.stream().filter(l -> l.startsWith("hot ")).findFirst().orElseThrow();
        assertThat(hot).contains("100.0k~");
    }

    @Test
    void aTallerScreenShowsMoreRowsAndASmallOneSaysSo() {
        Frame many = manyMaps(30);
        long at24 =
                Layout.screen(many, new ViewState(), 80, 24).stream()
                        .filter(l -> l.text().startsWith("m") && l.text().contains("CONCURRENT"))
                        .count();
        long at40 =
                Layout.screen(many, new ViewState(), 80, 40).stream()
                        .filter(l -> l.text().startsWith("m") && l.text().contains("CONCURRENT"))
                        .count();
        assertThat(at40).isGreaterThan(at24);
        assertThat(TopCommand.text(Layout.screen(many, new ViewState(), 80, 24)))
                .contains(" more (a taller terminal");
        assertThat(TopCommand.text(Layout.screen(many, new ViewState(), 79, 24)))
                .isEqualTo("terminal 79x24: mapwatch top needs 80x24");
    }

    @Test
    void plainTextHasEveryRowAndWholeNames() {
        Frame many = manyMaps(30);
        String text = TopCommand.text(Layout.plain(many, new ViewState()));
        for (int i = 0; i < 30; i++) {
            assertThat(text).contains(String.format("m%02d", i));
        }
        assertThat(text).doesNotContain("more (");
    }

    private static Frame manyMaps(int n) {
        StringBuilder before = new StringBuilder();
        StringBuilder now = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String labels = String.format("{map=\"m%02d\",strategy=\"CONCURRENT\"}", i);
            before.append("mapwatch_map_size").append(labels).append(" 1\n");
            now.append("mapwatch_map_size").append(labels).append(" 1\n");
            now.append("mapwatch_map_puts_total")
                    .append(labels)
                    .append(' ')
                    .append(i * 10)
                    .append('\n');
        }
        return Frames.of(
                new Interval(
                        Exposition.parse(before.toString()), Exposition.parse(now.toString()), 1),
                Fixtures.header());
    }
}
