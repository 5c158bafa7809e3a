package dev.mapwatch.top;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.top.Frame.MapRow;
import org.junit.jupiter.api.Test;

class ViewStateTest {

    private final Frame frame = Fixtures.frame();

    @Test
    void sortColumnsFollowTheKeys() {
        ViewState state = new ViewState();
        assertThat(state.sort()).isEqualTo(MapColumn.OPS);
        assertThat(state.visible(frame.maps()))
                .extracting(MapRow::name)
                .containsExactly("hot", "com.acme.Cache.entries");
        state.apply(Key.of('s'));
        assertThat(state.sort()).isEqualTo(MapColumn.HIT);
        state.apply(Key.of(Key.Type.RIGHT));
        assertThat(state.sort()).isEqualTo(MapColumn.SIZE);
        assertThat(state.visible(frame.maps()))
                .extracting(MapRow::name)
                .containsExactly("com.acme.Cache.entries", "hot");
        state.apply(Key.of(Key.Type.LEFT));
        state.apply(Key.of(Key.Type.UP));
        state.apply(Key.of(Key.Type.UP));
        assertThat(state.sort()).isEqualTo(MapColumn.NAME);
        state.apply(Key.of(Key.Type.UP));
        assertThat(state.sort()).as("wraps around").isEqualTo(MapColumn.COMPUTE);
        // unknown (NaN) sorts last
        assertThat(state.visible(frame.maps()))
                .extracting(MapRow::name)
                .containsExactly("com.acme.Cache.entries", "hot");
    }

    @Test
    void slashFiltersByNameEnterKeepsEscClears() {
        ViewState state = new ViewState();
        state.apply(Key.of('/'));
        assertThat(state.editingFilter()).isTrue();
        for (char c : "CACHEx".toCharArray()) {
            state.apply(Key.of(c));
        }
        state.apply(Key.of(Key.Type.BACKSPACE));
        assertThat(state.apply(Key.of('q'))).isTrue();
        assertThat(state.quit()).as("q while typing is a letter").isFalse();
        state.apply(Key.of(Key.Type.BACKSPACE));
        state.apply(Key.of(Key.Type.ENTER));
        assertThat(state.filter()).isEqualTo("CACHE");
        assertThat(state.visible(frame.maps()))
                .extracting(MapRow::name)
                .containsExactly("com.acme.Cache.entries");
        assertThat(TopCommand.text(Layout.screen(frame, state, 80, 24)))
                .contains("MAPS 1 of 2", "filter: CACHE");
        state.apply(Key.of(Key.Type.ESCAPE));
        assertThat(state.visible(frame.maps())).hasSize(2);
    }

    @Test
    void pauseHelpAndQuit() {
        ViewState state = new ViewState();
        state.apply(Key.of('p'));
        assertThat(state.paused()).isTrue();
        assertThat(TopCommand.text(Layout.screen(frame, state, 80, 24))).contains("PAUSED");
        state.apply(Key.of('?'));
        assertThat(TopCommand.text(Layout.screen(frame, state, 80, 24)))
                .startsWith("mapwatch top: keys");
        state.apply(Key.of('x'));
        assertThat(state.help()).isFalse();
        state.apply(Key.of('q'));
        assertThat(state.quit()).isTrue();
        ViewState interrupted = new ViewState();
        interrupted.apply(Key.of(Key.Type.INTERRUPT));
        assertThat(interrupted.quit()).isTrue();
    }
}
