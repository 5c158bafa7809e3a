package dev.mapwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.top.BusyApp;
import dev.mapwatch.testkit.ChildJvm;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code mapwatch top} in a real terminal: tmux ({@link Tmux}), a shell, the command typed as a
 * user types it, against a child JVM under the agent running {@link BusyApp} {@code crowded} (the
 * busy map, threads that always wait on the {@code LOCKED} map {@code top-locked}, 20 more maps:
 * 22 in all, more than 80x24 shows). Each run is {@code clear; echo before-top; <top>; echo
 * EXIT=$?} with the line discipline ({@code stty -g}) compared before and after, so "the terminal is
 * restored" is exact: the shell's own lines and nothing else, main screen, cursor shown, keypad
 * mode off, the same stty settings.
 *
 * <p>tmux 3.3 copies the alternate screen's lines into the main one when the window is resized
 * while the alternate screen is shown (procps {@code top} leaves the same), so the run that resizes
 * checks the restored modes and exit code, and the runs that do not resize check the screen too.
 */
class TopTerminalIT {

    private static final int MAPS = 2 + 20;
    private static final String BEFORE = "before-top";
    private static ChildJvm child;

    @BeforeAll
    static void startTheWatchedJvm() {
        Tmux.require();
        child = ChildJvm.start("port=0", BusyApp.class, "crowded");
        String endpoint = child.awaitCollecting();
        Scrape.until(
                endpoint,
                "mapwatch_map_lock_contention_seconds_count",
                Map.of("map", "top-locked"),
                v -> v >= 1);
    }

    @AfterAll
    static void stopIt() {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void at80x24ItShowsTheMapsTheLockByMapAndTheThreadsAndQRestoresTheTerminal() {
        try (Tmux tmux = Tmux.start(80, 24)) {
            tmux.type(run());
            List<String> screen =
                    tmux.awaitScreen(
                            "a frame with the busy map, the lock by map and the threads", frame());
            assertFits(screen, 80, 24);
            assertThat(screen).contains("MAPS " + MAPS + "  (ops ~: sampled estimates)");
            assertThat(screen)
                    .as("more maps than rows")
                    .anyMatch(
                            l ->
                                    l.matches(
                                            "\\.\\.\\. \\d+ more \\(a taller terminal, or / to filter\\)"));
            assertThat(tmux.pane("#{alternate_on} #{cursor_flag} #{keypad_flag}"))
                    .as("alternate screen, cursor hidden, keypad mode")
                    .isEqualTo("1 0 1");

            tmux.keys("q");
            assertRestored(tmux, 0);
        }
    }

    @Test
    void theLayoutFollowsAResizeBothWays() {
        try (Tmux tmux = Tmux.start(80, 24)) {
            tmux.type(run());
            tmux.awaitScreen("a frame at 80x24", frame().and(fits(80)));

            tmux.resize(160, 48);
            List<String> large =
                    tmux.awaitScreen("the frame at 160x48", frame().and(fits(160)).and(allMaps()));
            assertFits(large, 160, 48);
            assertThat(large).noneMatch(l -> l.contains("more (a taller terminal"));

            tmux.resize(80, 24);
            List<String> small =
                    tmux.awaitScreen(
                            "the frame at 80x24 again",
                            frame().and(fits(80))
                                    .and(
                                            s ->
                                                    s.stream()
                                                            .anyMatch(
                                                                    l ->
                                                                            l.contains(
                                                                                    "more (a taller terminal"))));
            assertFits(small, 80, 24);

            tmux.keys("q");
            tmux.awaitScreen("the exit", exited());
            assertThat(tmux.screen(true)).contains("EXIT=0", "STTY=same");
            assertThat(tmux.pane("#{alternate_on} #{cursor_flag} #{keypad_flag}"))
                    .isEqualTo("0 1 0");
        }
    }

    @Test
    void at160x48CtrlCQuitsAndRestoresTheTerminal() {
        try (Tmux tmux = Tmux.start(160, 48)) {
            tmux.type(run());
            List<String> screen =
                    tmux.awaitScreen("a frame at 160x48", frame().and(fits(160)).and(allMaps()));
            assertFits(screen, 160, 48);

            tmux.keys("C-c");
            assertRestored(tmux, 0);
        }
    }

    @Test
    void aTerminalSmallerThan80x24IsOneLineAndExitNine() {
        try (Tmux tmux = Tmux.start(79, 30)) {
            tmux.type(run());
            tmux.awaitScreen("the exit", exited());
            assertThat(nonBlank(tmux.screen(true)))
                    .containsExactly(
                            BEFORE,
                            "mapwatch: the terminal is 79x30 and mapwatch top needs at least 80x24: enlarge it, or use --once",
                            "EXIT=9",
                            "STTY=same",
                            Tmux.PROMPT.strip());
            assertThat(tmux.pane("#{alternate_on} #{cursor_flag} #{keypad_flag}"))
                    .isEqualTo("0 1 0");
        }
    }

    /** The command line: the shell's own line first, then top, its exit code, whether stty changed. */
    private static String run() {
        return "clear; echo "
                + BEFORE
                + "; S=$(stty -g); '"
                + ChildJvm.javaHome().resolve("bin/java")
                + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar '"
                + ChildJvm.agentJar().toAbsolutePath()
                + "' top "
                + child.pid()
                + "; echo EXIT=$?; [ \"$(stty -g)\" = \"$S\" ] && echo STTY=same || echo STTY=changed";
    }

    /** After the exit: the shell's lines and nothing of the view, main screen, cursor shown, keypad off. */
    private static void assertRestored(Tmux tmux, int exitCode) {
        tmux.awaitScreen("the exit", exited());
        assertThat(nonBlank(tmux.screen(true)))
                .containsExactly(BEFORE, "EXIT=" + exitCode, "STTY=same", Tmux.PROMPT.strip());
        assertThat(tmux.pane("#{alternate_on} #{cursor_flag} #{keypad_flag}"))
                .as("main screen, cursor shown, keypad off")
                .isEqualTo("0 1 0");
    }

    /** The busy map's row, the lock row of the map the contenders wait on, the threads line. */
    private static Predicate<List<String>> frame() {
        return screen ->
                screen.stream()
                                .anyMatch(
                                        l -> l.matches("top-busy +CONCURRENT +\\S+ +\\d+\\.\\d .*"))
                        && screen.stream()
                                .anyMatch(l -> l.matches("map top-locked +write +\\S+ +\\S+ +\\S+"))
                        && screen.stream().anyMatch(l -> l.startsWith("THREADS  live "));
    }

    /** The map table's heading ends exactly at the right edge: the columns take the width. */
    private static Predicate<List<String>> fits(int width) {
        return screen ->
                screen.stream()
                        .anyMatch(
                                l ->
                                        l.startsWith("map ")
                                                && l.endsWith(" slow fn")
                                                && l.length() == width);
    }

    private static Predicate<List<String>> allMaps() {
        return screen ->
                screen.stream().anyMatch(l -> l.startsWith("top-locked ") && l.contains(" LOCKED "))
                        && IntStream.range(0, 20)
                                .allMatch(
                                        i ->
                                                screen.stream()
                                                        .anyMatch(
                                                                l ->
                                                                        l.startsWith(
                                                                                String.format(
                                                                                        "top-extra-%02d ",
                                                                                        i))));
    }

    private static Predicate<List<String>> exited() {
        return screen ->
                screen.stream().anyMatch(l -> l.matches("EXIT=\\d+"))
                        && screen.stream().anyMatch(l -> l.startsWith("STTY="));
    }

    private static void assertFits(List<String> screen, int width, int height) {
        assertThat(screen).as("rows").hasSize(height);
        assertThat(screen).as("no row wider than the terminal").allMatch(l -> l.length() <= width);
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines.stream().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList();
    }
}
