package dev.mapwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.alerts.tooling.ProcessResult;
import dev.mapwatch.alerts.tooling.ProjectLayout;
import dev.mapwatch.alerts.tooling.Promtool;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule files pass {@code promtool check rules} and their unit tests pass {@code promtool test rules}. */
class RuleFilesCheckTest {

    @Test
    void ruleFilesPassPromtoolCheck() {
        Promtool promtool = Promtool.require();
        List<java.nio.file.Path> files = ProjectLayout.ruleFiles();
        assertThat(files)
                .extracting(file -> file.getFileName().toString())
                .containsExactly("mapwatch-alerts.rules.yml", "mapwatch-recording.rules.yml");

        ProcessResult result = promtool.checkRules(files);

        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(result.output()).as(result.describe()).doesNotContain("WARNING");
    }

    @Test
    void ruleUnitTestsPass() {
        Promtool promtool = Promtool.require();
        List<java.nio.file.Path> tests = ProjectLayout.ruleTests();
        assertThat(tests).as("alerts/tests/*.test.yml").hasSizeGreaterThanOrEqualTo(3);

        ProcessResult result = promtool.testRules(tests);

        assertThat(result.succeeded()).as(result.describe()).isTrue();
        assertThat(result.output()).as(result.describe()).doesNotContain("FAILED");
    }
}
