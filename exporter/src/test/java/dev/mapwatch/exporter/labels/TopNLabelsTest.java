package dev.mapwatch.exporter.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TopNLabelsTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<String> evicted = new ArrayList<>();
    private final TopNLabels labels = TopNLabels.of(2, Duration.ofSeconds(60), clock::get, evicted::add);

    @Test
    void theFirstNValuesKeepTheirOwnSeriesAndTheRestFoldIntoOther() {
        assertThat(labels.label("a.A", 1)).isEqualTo("a.A");
        assertThat(labels.label("b.B", 1)).isEqualTo("b.B");
        assertThat(labels.label("c.C", 1_000)).isEqualTo(TopNLabels.OTHER);
        assertThat(labels.label("d.D", 1)).isEqualTo(TopNLabels.OTHER);
        assertThat(labels.label("a.A", 1)).isEqualTo("a.A");
        assertThat(labels.members()).containsExactlyInAnyOrder("a.A", "b.B");
        assertThat(evicted).isEmpty();
    }

    @Test
    void aHeavierValueTakesTheLightestMembersPlaceAtTheNextRebalance() {
        labels.label("a.A", 100);
        labels.label("b.B", 10);
        labels.label("c.C", 500); // folded for now, remembered as a candidate
        clock.addAndGet(Duration.ofSeconds(61).toNanos());

        assertThat(labels.label("c.C", 1)).isEqualTo("c.C");
        assertThat(evicted).containsExactly("b.B");
        assertThat(labels.label("b.B", 1)).isEqualTo(TopNLabels.OTHER);
        assertThat(labels.members()).containsExactlyInAnyOrder("a.A", "c.C");
    }

    @Test
    void similarWeightsDoNotFlap() {
        labels.label("a.A", 100);
        labels.label("b.B", 100);
        labels.label("c.C", 150); // heavier, but not twice as heavy
        clock.addAndGet(Duration.ofSeconds(61).toNanos());

        assertThat(labels.label("c.C", 1)).isEqualTo(TopNLabels.OTHER);
        assertThat(evicted).isEmpty();
    }

    @Test
    void theRankingFollowsTheRecentIntervalNotTheWholeHistory() {
        labels.label("a.A", 1_000_000);
        labels.label("b.B", 1_000_000);
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        labels.label("a.A", 1); // new interval: a.A and b.B have gone quiet
        labels.label("c.C", 10);
        clock.addAndGet(Duration.ofSeconds(61).toNanos());

        assertThat(labels.label("c.C", 1)).isEqualTo("c.C");
        assertThat(evicted).hasSize(1).containsAnyOf("a.A", "b.B");
    }

    @Test
    void theCandidateTableIsBounded() {
        for (int i = 0; i < 10_000; i++) {
            labels.label("class" + i, i);
        }
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        labels.label("x", 0);
        // the heaviest candidates survived the bound and won both places
        assertThat(labels.members()).containsExactlyInAnyOrder("class9999", "class9998");
    }

    @Test
    void rejectsANegativeLimit() {
        assertThatIllegalArgumentException().isThrownBy(() -> TopNLabels.of(-1, v -> {}))
                .withMessageContaining("-1");
    }
}
