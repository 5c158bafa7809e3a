package dev.mapwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mapwatch.alerts.tooling.Runbooks;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The runbooks name dashboards and panels in italics (*Miss ratio*): each must exist. */
class RunbookPanelsTest {

    private static final Pattern ITALIC = Pattern.compile("(?<![*\\w])\\*([^*\\n]+)\\*(?![*\\w])");

    @Test
    void everyDashboardAndPanelTheRunbooksNameExists() {
        List<Dashboard> dashboards = Dashboard.project();
        Set<String> titles = new HashSet<>();
        for (Dashboard dashboard : dashboards) {
            titles.add(dashboard.title());
            dashboard.panels().forEach(panel -> titles.add(panel.path("title").asText()));
        }
        Set<String> named = new TreeSet<>();
        Matcher italic = ITALIC.matcher(Runbooks.load().text().replace("\n", " "));
        while (italic.find()) {
            named.add(italic.group(1));
        }
        assertThat(named)
                .as("dashboards and panels named in docs/runbooks.md")
                .hasSizeGreaterThan(15);
        assertThat(titles).as("dashboard and panel titles").containsAll(named);
    }
}
